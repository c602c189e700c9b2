import {
  isPagedScraper,
  mergePages,
  type PagedScraper,
  type ParsedMeeting,
  type Scraper,
  type ScrapeInput,
} from '@encoder-manager/sdk';
import type { FetchedDocument } from '../fetch/http.js';
import type { SourceCache, SourceEntry, StoredSource } from '../model.js';
import type { ScrapeDeps } from './deps.js';
import { download, type Progress } from './download.js';
import { parseDocument, requireMeetings } from './parse.js';

/** A paged source is read up to this many pages; the rest is left for a later, narrower query. */
export const MAX_PAGES = 50;

/** The items of a source and what to cache for the next conditional request. */
export interface SourceItems {
  readonly items: readonly ParsedMeeting[];
  readonly notModified: boolean;
  /** Undefined when nothing should change in the cache (a 304). */
  readonly cache?: SourceCache;
}

/** Reads a source through its scraper: one document, or every page of a paged scraper. */
export function readSource(
  source: SourceEntry,
  stored: StoredSource | undefined,
  scraper: Scraper,
  deps: ScrapeDeps,
  signal: AbortSignal,
  progress: Progress,
): Promise<SourceItems> {
  return isPagedScraper(scraper)
    ? readPages(source, scraper, deps, signal, progress)
    : readSingle(source, stored, scraper, deps, signal, progress);
}

/**
 * One document. Validators are sent only while the items they stand for are cached, so a 304 is
 * answered from the store; nothing is cached from a document that failed to parse.
 */
async function readSingle(
  source: SourceEntry,
  stored: StoredSource | undefined,
  scraper: Scraper,
  deps: ScrapeDeps,
  signal: AbortSignal,
  progress: Progress,
): Promise<SourceItems> {
  const validators = stored?.items ? stored : undefined;
  const document = await download(
    { source, url: source.url, ...(validators ? { validators } : {}) },
    deps,
    signal,
    progress,
  );
  if (document.notModified && stored?.items) return { items: stored.items, notModified: true };
  const parsed = await parseDocument(scraper, inputFor(source, source.url, document, deps));
  const items = requireMeetings(parsed, source.name, source.url);
  return {
    items,
    notModified: false,
    cache: { etag: document.etag, lastModified: document.lastModified, items },
  };
}

/**
 * Every page of a paged source (`firstPageUrl`, then `nextPageUrl` after each parse), merged without
 * repeats. No conditional requests: a 304 for the first page says nothing about the others.
 */
async function readPages(
  source: SourceEntry,
  scraper: PagedScraper,
  deps: ScrapeDeps,
  signal: AbortSignal,
  progress: Progress,
): Promise<SourceItems> {
  const pages: (readonly ParsedMeeting[])[] = [];
  let url: string | undefined = scraper.paging.firstPageUrl(source.url, deps.clock.now(), source.options);
  while (url !== undefined && pages.length < MAX_PAGES) {
    const document = await download({ source, url }, deps, signal, progress);
    const input = inputFor(source, url, document, deps);
    pages.push(await parseDocument(scraper, input));
    url = scraper.paging.nextPageUrl(input);
  }
  if (url !== undefined)
    deps.log.warn(
      { source: source.name, pages: MAX_PAGES },
      `${source.name}: stopped after ${MAX_PAGES} pages`,
    );
  const items = requireMeetings(mergePages(pages), source.name, source.url);
  return { items, notModified: false, cache: { items } };
}

function inputFor(
  source: SourceEntry,
  url: string,
  document: FetchedDocument,
  deps: ScrapeDeps,
): ScrapeInput {
  return {
    source: source.name,
    url,
    contentType: document.contentType,
    body: document.body,
    timeZone: source.timeZone,
    now: deps.clock.now(),
    options: source.options,
  };
}
