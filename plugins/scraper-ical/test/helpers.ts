import { scrapeInputFactory } from '@encoder-manager/sdk/testing';

/** A scrape input for an in-test iCalendar text (UTF-8 encoded). */
export const icsInput = scrapeInputFactory({
  source: 'test_feed',
  url: 'https://example.org/calendar.ics',
  contentType: 'text/calendar',
  timeZone: 'America/New_York',
  now: Date.parse('2024-01-10T12:00:00Z'),
});

/** Joins lines with CRLF, as feeds on the wire do. */
export function ics(...lines: string[]): string {
  return `${lines.join('\r\n')}\r\n`;
}
