import {
  EmError,
  errorCodeOf,
  errorMessageOf,
  type BodyScrapeReport,
  type MeetingQuery,
  type MeetingRecord,
  type MeetingSource,
  type MeetingsService,
  type ScrapeRun,
} from '@encoder-manager/sdk';
import { groupSources } from './catalog/resolve.js';
import type { SourceEntry, SourceGroup } from './model.js';
import { toPublicSource } from './store/sources-table.js';
import { scrapeBody } from './scrape/body-scrape.js';
import type { ScrapeDeps } from './scrape/deps.js';

/**
 * The plugin's heart, and the `meetingsServiceRef` implementation: keeps the catalog in the store,
 * decides which bodies are due, and runs scrapes one at a time (a manual scrape waits for a scheduled
 * one rather than racing it over the same rows).
 */
export class MeetingsCore implements MeetingsService {
  readonly #groups: SourceGroup[];
  readonly #lastAttempt = new Map<string, number>();
  #ready: Promise<void> | undefined;
  #queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly deps: ScrapeDeps,
    private readonly entries: readonly SourceEntry[],
    private readonly stopSignal: AbortSignal,
  ) {
    this.#groups = groupSources(entries);
  }

  /** Writes the catalog to the store once and learns when each body was last scraped. */
  ready(): Promise<void> {
    this.#ready ??= this.#load();
    return this.#ready;
  }

  /** Scrapes the bodies whose primary source's interval has passed since their last attempt. */
  async scrapeDue(signal: AbortSignal): Promise<BodyScrapeReport[]> {
    await this.ready();
    const now = this.deps.clock.now();
    const due = this.#groups.filter(
      (g) => now - (this.#lastAttempt.get(g.key) ?? -Infinity) >= intervalMs(g),
    );
    return this.#exclusive(() => this.#scrape(due, signal));
  }

  async scrapeNow(options: { source?: string; signal?: AbortSignal } = {}): Promise<BodyScrapeReport[]> {
    await this.ready();
    const groups = options.source ? [this.#groupOf(options.source)] : this.#groups;
    const signal = options.signal ? AbortSignal.any([options.signal, this.stopSignal]) : this.stopSignal;
    return this.#exclusive(() => this.#scrape(groups, signal));
  }

  async upcoming(query: MeetingQuery = {}): Promise<readonly MeetingRecord[]> {
    await this.ready();
    const defaultDurationMs = this.deps.settings.defaultDurationMin * 60_000;
    return this.deps.meetings.upcoming(query, this.deps.clock.now(), defaultDurationMs);
  }

  async list(query: MeetingQuery = {}): Promise<readonly MeetingRecord[]> {
    await this.ready();
    return this.deps.meetings.list(query);
  }

  async past(query: MeetingQuery = {}): Promise<readonly MeetingRecord[]> {
    await this.ready();
    return this.deps.meetings.past(query, this.deps.clock.now());
  }

  async runs(options: { source?: string; limit?: number } = {}): Promise<readonly ScrapeRun[]> {
    await this.ready();
    return this.deps.runs.list(options);
  }

  async sources(): Promise<readonly MeetingSource[]> {
    await this.ready();
    const [stored, latest] = await Promise.all([this.deps.sources.list(), this.deps.runs.latestBySource()]);
    return stored.map((source) => toPublicSource(source, latest.get(source.name)));
  }

  async #load(): Promise<void> {
    await this.deps.sources.sync(this.entries, this.deps.clock.now());
    const latest = await this.deps.runs.latestBySource();
    for (const group of this.#groups) {
      const starts = group.sources.map((s) => latest.get(s.name)?.startedAt ?? -Infinity);
      this.#lastAttempt.set(group.key, Math.max(...starts));
    }
  }

  async #scrape(groups: readonly SourceGroup[], signal: AbortSignal): Promise<BodyScrapeReport[]> {
    const reports: BodyScrapeReport[] = [];
    for (const group of groups) {
      if (signal.aborted) break;
      this.#lastAttempt.set(group.key, this.deps.clock.now());
      reports.push(await this.#scrapeOne(group, signal));
    }
    return reports;
  }

  /** One body; a store failure is logged and reported, and the other bodies still get their turn. */
  async #scrapeOne(group: SourceGroup, signal: AbortSignal): Promise<BodyScrapeReport> {
    try {
      return await scrapeBody(group, this.deps, signal);
    } catch (error) {
      if (signal.aborted) throw error;
      const fields = { body: group.key, code: errorCodeOf(error) ?? 'EM_STORE_CONNECT', err: error };
      this.deps.log.error(fields, `${group.city} ${group.body}: scrape failed: ${errorMessageOf(error)}`);
      return { city: group.city, body: group.body, ok: false, runs: [], changes: NO_CHANGES };
    }
  }

  #exclusive<T>(work: () => Promise<T>): Promise<T> {
    const run = this.#queue.then(work);
    this.#queue = run.catch(() => undefined);
    return run;
  }

  #groupOf(name: string): SourceGroup {
    const group = this.#groups.find((g) => g.sources.some((s) => s.name === name));
    if (group) return group;
    const entry = this.entries.find((e) => e.name === name);
    const hint = entry
      ? 'Enable it: list it under `catalog` in the meetings config, or set `enabled: true`.'
      : `Known sources: ${this.entries.map((e) => e.name).join(', ') || 'none'}.`;
    throw new EmError(
      'EM_CONFIG_INVALID',
      `meetings: source "${name}" ${entry ? 'is disabled' : 'does not exist'}`,
      { hint },
    );
  }
}

const NO_CHANGES = { new: 0, moved: 0, cancelled: 0, updated: 0 } as const;

function intervalMs(group: SourceGroup): number {
  return (group.sources[0]?.intervalMin ?? 60) * 60_000;
}
