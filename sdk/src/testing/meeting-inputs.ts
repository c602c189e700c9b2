import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import type { ScrapeInput } from '@encoder-manager/sdk';
import { readExpectedMeetings, type ExpectedMeetings } from './meeting-fixtures.js';

/**
 * The shared meeting fixtures folder, `shared/fixtures/meetings`. The repository's CI and a developer
 * checkout both keep `shared/` beside the repo clone, so this resolves from the SDK's own location.
 */
export const MEETING_FIXTURES_ROOT: URL = new URL('../../../../shared/fixtures/meetings/', import.meta.url);

/** A file under {@link MEETING_FIXTURES_ROOT}, e.g. `city-scrapers-det/det_board_of_education/expected.md`. */
export function meetingFixtureUrl(path: string): URL {
  return new URL(path, MEETING_FIXTURES_ROOT);
}

/** A meeting fixture's `expected.md` and a scrape input for one of its files. */
export interface MeetingFixture {
  /** What the fixture's `expected.md` states: zone, frozen now, tables. */
  readonly expected: ExpectedMeetings;
  /** The file as a scraper receives it, with the fixture's frozen "now" and zone. */
  readonly input: ScrapeInput;
}

// What a scraper sees for each kind of fixture file; anything else is a saved web page.
const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.json': 'application/json',
  '.ics': 'text/calendar',
  '.pdf': 'application/pdf',
};

/**
 * Reads `<folder>/expected.md` and builds the scrape input for `<folder>/<file>`: the source is the
 * folder's last segment, the content type follows the file extension (JSON, iCalendar, PDF, else HTML),
 * and `url` is the address the document was fetched from.
 */
export function meetingFixture(folder: string, file: string, url: string): MeetingFixture {
  const expected = readExpectedMeetings(meetingFixtureUrl(`${folder}/expected.md`));
  const input: ScrapeInput = {
    source: folder.split('/').pop() ?? folder,
    url,
    contentType: CONTENT_TYPES[extname(file).toLowerCase()] ?? 'text/html',
    body: readFileSync(meetingFixtureUrl(`${folder}/${file}`)),
    timeZone: expected.timeZone,
    now: expected.now,
  };
  return { expected, input };
}

/** Builds a scrape input for an in-test document; `overrides` replace any default field. */
export type ScrapeInputFactory = (body: string | Uint8Array, overrides?: Partial<ScrapeInput>) => ScrapeInput;

/**
 * A factory for scrape inputs of in-test documents, with a package's defaults (source, url, content
 * type, zone, frozen now). A string body is encoded as UTF-8, as a fetched document would be.
 */
export function scrapeInputFactory(defaults: Omit<ScrapeInput, 'body'>): ScrapeInputFactory {
  return (body, overrides = {}) => ({
    ...defaults,
    body: typeof body === 'string' ? new TextEncoder().encode(body) : body,
    ...overrides,
  });
}
