import {
  EmError,
  errorCodeOf,
  errorMessageOf,
  type ParsedMeeting,
  type ScrapeRun,
} from '@encoder-manager/sdk';
import type { SourceEntry, TrackedMeeting } from '../model.js';
import type { ScrapeDeps } from './deps.js';
import { readSource } from './documents.js';
import type { Progress } from './download.js';
import { normalizeItems } from './normalize.js';
import { scraperFor } from './parse.js';

/** The result of scraping one source; every outcome has its recorded run. */
export type SourceOutcome =
  | {
      readonly ok: true;
      readonly source: SourceEntry;
      readonly meetings: TrackedMeeting[];
      readonly run: ScrapeRun;
    }
  | { readonly ok: false; readonly source: SourceEntry; readonly error: unknown; readonly run: ScrapeRun };

interface SourceProgress extends Progress {
  notModified: boolean;
}

/** Fetches, parses and normalises one source and records the run, whatever happens (except a stop). */
export async function scrapeSource(
  source: SourceEntry,
  deps: ScrapeDeps,
  signal: AbortSignal,
): Promise<SourceOutcome> {
  const startedAt = deps.clock.now();
  const progress: SourceProgress = { attempts: 0, notModified: false };
  try {
    const meetings = await fetchAndParse(source, deps, signal, progress);
    const run = await record(deps, source, startedAt, progress, { itemsFound: meetings.length });
    return { ok: true, source, meetings, run };
  } catch (error) {
    if (signal.aborted) throw error;
    const run = await record(deps, source, startedAt, progress, {
      itemsFound: 0,
      errorCode: errorCodeOf(error) ?? 'EM_SCRAPE_FETCH',
      errorMessage: errorMessageOf(error),
    });
    const fields = { source: source.name, code: run.errorCode, attempts: run.attempts };
    deps.log.warn(fields, run.errorMessage ?? 'scrape failed');
    return { ok: false, source, error, run };
  }
}

async function fetchAndParse(
  source: SourceEntry,
  deps: ScrapeDeps,
  signal: AbortSignal,
  progress: SourceProgress,
): Promise<TrackedMeeting[]> {
  const stored = await deps.sources.get(source.name);
  const scraper = scraperFor(source.type, source.name, deps.scrapers());
  const result = await readSource(source, stored, scraper, deps, signal, progress);
  progress.notModified = result.notModified;
  const meetings = usableMeetings(source, result.items, deps);
  if (result.cache) await deps.sources.saveCache(source.name, result.cache, deps.clock.now());
  return meetings;
}

function usableMeetings(
  source: SourceEntry,
  items: readonly ParsedMeeting[],
  deps: ScrapeDeps,
): TrackedMeeting[] {
  const meetings = normalizeItems(source, items, deps.clock.now(), deps.log);
  if (meetings.length > 0) return meetings;
  // Every item was unusable: as bad as a garbled document.
  throw new EmError(
    'EM_SCRAPE_PARSE',
    `${source.name}: none of the ${items.length} items has a title and a valid start`,
    {
      hint: `Check that the parser for "${source.type}" suits this document.`,
    },
  );
}

async function record(
  deps: ScrapeDeps,
  source: SourceEntry,
  startedAt: number,
  progress: SourceProgress,
  result: Pick<ScrapeRun, 'itemsFound' | 'errorCode' | 'errorMessage'>,
): Promise<ScrapeRun> {
  return deps.runs.insert({
    source: source.name,
    startedAt,
    finishedAt: deps.clock.now(),
    attempts: progress.attempts,
    notModified: result.errorCode === undefined && progress.notModified,
    ...(progress.httpStatus !== undefined ? { httpStatus: progress.httpStatus } : {}),
    ...result,
  });
}
