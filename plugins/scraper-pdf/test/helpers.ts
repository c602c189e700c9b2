import type { ParsedMeeting, ScrapeInput } from '@encoder-manager/sdk';
import { scrapeInputFactory } from '@encoder-manager/sdk/testing';
import { DateTime } from 'luxon';
import { createPdfScraper } from '../src/index.js';
import { buildPdf, type PlacedText } from './pdf-builder.js';

/** A scrape input for a synthetic document, "now" = 2021-01-05 noon in Chicago unless given. */
export const input = scrapeInputFactory({
  source: 'test_body',
  url: 'https://agency.example/schedule.pdf',
  contentType: 'application/pdf',
  timeZone: 'America/Chicago',
  now: DateTime.fromISO('2021-01-05T12:00:00', { zone: 'America/Chicago' }).toMillis(),
});

/** Builds a one-page (or multi-page) PDF and parses it with the scraper. */
export async function parsePages(
  pages: readonly (readonly PlacedText[])[],
  extra: Partial<ScrapeInput> = {},
): Promise<readonly ParsedMeeting[]> {
  return createPdfScraper().parse(input(buildPdf(pages), extra));
}

/** `[start, statusHint]` pairs, the shape most rule tests compare. */
export function starts(meetings: readonly ParsedMeeting[]): [string, string | undefined][] {
  return meetings.map((m) => [m.start, m.statusHint]);
}
