import type { Clock, EventBus, Logger, PluginStore, Scraper } from '@encoder-manager/sdk';
import type { ScrapeSettings } from '../settings.js';
import type { MeetingsTable } from '../store/meetings-table.js';
import type { RunsTable } from '../store/runs-table.js';
import type { SourcesTable } from '../store/sources-table.js';

/** What scraping needs from the plugin context, gathered so the pieces stay testable. */
export interface ScrapeDeps {
  readonly store: PluginStore;
  readonly sources: SourcesTable;
  readonly runs: RunsTable;
  readonly meetings: MeetingsTable;
  readonly clock: Clock;
  readonly log: Logger;
  readonly bus: EventBus;
  /** The scrapers enabled right now (read at scrape time: complete only after every setup). */
  readonly scrapers: () => readonly Scraper[];
  readonly settings: ScrapeSettings;
  readonly random: () => number;
}
