import type { Meeting } from './meeting.js';
import { createServiceRef } from './services.js';

/** A fetched source document handed to a parser. */
export interface ScrapeInput {
  readonly source: string;
  readonly url: string;
  readonly contentType: string;
  readonly body: Uint8Array;
  readonly timeZone: string;
  /** "Now" for status rules (passed vs tentative); frozen in tests. */
  readonly now: number;
}

/** A parser for one kind of meeting source (PDF calendar, iCal, Legistar …). */
export interface Scraper {
  readonly name: string;
  /** Source types this parser handles, e.g. `ical`, `legistar-api`. */
  readonly sourceTypes: readonly string[];
  parse(input: ScrapeInput): Promise<readonly Meeting[]>;
}

/** Every scraper the enabled scraper plugins provide. */
export const scrapersRef = createServiceRef<Scraper>({ id: 'core.scrapers', multiple: true });
