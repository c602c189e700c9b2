import type { Meeting, MeetingStatus } from './meeting.js';
import { createServiceRef } from './services.js';

/** A stored meeting with the bookkeeping change detection keeps about it. */
export interface MeetingRecord extends Meeting {
  /** Epoch ms of the first scrape that listed it. */
  readonly firstSeenAt: number;
  /** Epoch ms of the last successful scrape that listed it. */
  readonly lastSeenAt: number;
  /** Consecutive successful scrapes that no longer listed it (reset when it reappears). */
  readonly missedCount: number;
}

/** Filters for listing meetings; every field is optional. */
export interface MeetingQuery {
  /** Exact body name, e.g. `City Council` (case-insensitive). */
  readonly body?: string;
  readonly city?: string;
  /** Meetings starting at or after this epoch ms. */
  readonly from?: number;
  /** Meetings starting before this epoch ms. */
  readonly to?: number;
  readonly status?: readonly MeetingStatus[];
  /** At most this many meetings (default 500). */
  readonly limit?: number;
}

/** One recorded attempt to scrape one source. */
export interface ScrapeRun {
  readonly id: number;
  readonly source: string;
  readonly startedAt: number;
  readonly finishedAt: number;
  /** Meetings the source listed; 0 when it failed. */
  readonly itemsFound: number;
  readonly httpStatus?: number;
  /** The server answered 304 Not Modified; the meetings stored from its last document were kept. */
  readonly notModified: boolean;
  /** HTTP attempts, retries included. */
  readonly attempts: number;
  readonly errorCode?: string;
  readonly errorMessage?: string;
}

/** A catalog source as stored, with its latest run. */
export interface MeetingSource {
  /** Stable name, used as the prefix of meeting ids, e.g. `det_board_of_education`. */
  readonly name: string;
  readonly city: string;
  readonly body: string;
  /** Source type a scraper handles, e.g. `ical`, `pdf-calendar`, `legistar-api`. */
  readonly type: string;
  readonly url: string;
  readonly timeZone: string;
  /** 1 = primary; higher numbers are fallbacks tried in order. */
  readonly priority: number;
  /** Scraped on every run and merged in, rather than only when higher-priority sources fail. */
  readonly merge: boolean;
  readonly intervalMin: number;
  readonly enabled: boolean;
  /** Where the entry came from: the catalog shipped with the plugin or the station config. */
  readonly origin: 'catalog' | 'config';
  readonly lastRun?: ScrapeRun;
}

/** What a scrape of one body (its sources in priority order) did. */
export interface BodyScrapeReport {
  readonly city: string;
  readonly body: string;
  /** True when at least one source gave meetings; false keeps the stored meetings untouched. */
  readonly ok: boolean;
  readonly runs: readonly ScrapeRun[];
  readonly changes: {
    readonly new: number;
    readonly moved: number;
    readonly cancelled: number;
    readonly updated: number;
  };
}

/** The meetings plugin's service, for the API plugin and the CLI. */
export interface MeetingsService {
  /** Meetings that have not ended yet, soonest first. */
  upcoming(query?: MeetingQuery): Promise<readonly MeetingRecord[]>;
  /** Meetings by start time, earliest first, limited only by the query (use `from`/`to` for a range). */
  list(query?: MeetingQuery): Promise<readonly MeetingRecord[]>;
  /** Meetings that have started, latest first. */
  past(query?: MeetingQuery): Promise<readonly MeetingRecord[]>;
  /** Scrapes every enabled body now (or only the body of `source`), whatever the schedule says. */
  scrapeNow(options?: {
    readonly source?: string;
    readonly signal?: AbortSignal;
  }): Promise<readonly BodyScrapeReport[]>;
  /** Recent scrape runs, newest first. */
  runs(options?: { readonly source?: string; readonly limit?: number }): Promise<readonly ScrapeRun[]>;
  /** Every source in the catalog, enabled or not, in city/body/priority order. */
  sources(): Promise<readonly MeetingSource[]>;
}

/** Provided by the `meetings` plugin. */
export const meetingsServiceRef = createServiceRef<MeetingsService>({ id: 'meetings.service' });
