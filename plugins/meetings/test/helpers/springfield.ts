import type { TestJsonMeeting } from './json-scraper.js';
import { TEST_JSON_TYPE } from './json-scraper.js';
import type { CityServer } from './city-server.js';

/** "Now" in the scrape tests: 2026-04-01 07:00 in Springfield (America/Chicago, CDT = UTC−5). */
export const NOW = Date.UTC(2026, 3, 1, 12);

export const COUNCIL: TestJsonMeeting = {
  title: 'City Council Regular Meeting',
  start: '2026-04-07T18:00:00',
  end: '2026-04-07T20:00:00',
  location: 'Council Chambers',
  links: [{ title: 'Agenda', url: 'https://springfield.example/agenda/0407.pdf' }],
};
export const FINANCE: TestJsonMeeting = { title: 'Finance Committee', start: '2026-04-14T17:00:00' };
export const MARCH: TestJsonMeeting = { title: 'City Council Regular Meeting', start: '2026-03-03T18:00:00' };
export const BUDGET: TestJsonMeeting = { title: 'Budget Hearing', start: '2026-04-21T18:00:00' };

/** A primary and a fallback source for Springfield's City Council, served by the test server. */
export function springfieldConfig(server: CityServer, extra: Record<string, unknown> = {}) {
  const source = (name: string, path: string, priority: number) => ({
    name,
    city: 'Springfield',
    body: 'City Council',
    type: TEST_JSON_TYPE,
    url: server.url(path),
    timeZone: 'America/Chicago',
    priority,
  });
  return {
    sources: [source('spr_council', '/primary.json', 1), source('spr_council_backup', '/backup.json', 2)],
    scrape: { retries: 1, retryBaseMs: 100, retryMaxMs: 1000, timeoutSec: 60 },
    ...extra,
  };
}
