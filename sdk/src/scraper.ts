import type { ParsedMeeting } from './meeting.js';
import { createServiceRef } from './services.js';

/** A fetched source document handed to a parser. */
export interface ScrapeInput {
  /** Catalog source name, e.g. `det_board_of_education`. */
  readonly source: string;
  readonly url: string;
  readonly contentType: string;
  readonly body: Uint8Array;
  /** IANA zone of the agency; parsers return local wall-clock times in it. */
  readonly timeZone: string;
  /** "Now" (epoch ms), for parsers that must pick a year or skip old items; frozen in tests. */
  readonly now: number;
  /** Parser options from the catalog entry (column layout hints, default times …). */
  readonly options?: Readonly<Record<string, unknown>>;
}

/** A parser for one kind of meeting source (PDF calendar, iCal, Legistar …). */
export interface Scraper {
  readonly name: string;
  /** Source types this parser handles, e.g. `ical`, `legistar-api`. */
  readonly sourceTypes: readonly string[];
  /** Throws an EmError naming the source when the document cannot be parsed. */
  parse(input: ScrapeInput): Promise<readonly ParsedMeeting[]>;
}

/** Every scraper the enabled scraper plugins provide. */
export const scrapersRef = createServiceRef<Scraper>({ id: 'core.scrapers', multiple: true });
