import { readFileSync } from 'node:fs';
import { expect } from 'chai';
import { EmError, type ScrapeInput } from '@encoder-manager/sdk';

/** A file under shared/fixtures/meetings (shared/ sits beside the repo clone, here and in CI). */
export function fixtureUrl(path: string): URL {
  return new URL(`../../../../shared/fixtures/meetings/${path}`, import.meta.url);
}

/** A scrape input for an in-test iCalendar text. */
export function icsInput(text: string, overrides: Partial<ScrapeInput> = {}): ScrapeInput {
  return {
    source: 'test_feed',
    url: 'https://example.org/calendar.ics',
    contentType: 'text/calendar',
    body: new TextEncoder().encode(text),
    timeZone: 'America/New_York',
    now: Date.parse('2024-01-10T12:00:00Z'),
    ...overrides,
  };
}

/** A scrape input for a fixture file. */
export function fileInput(path: string, fields: Omit<ScrapeInput, 'body'>): ScrapeInput {
  return { ...fields, body: readFileSync(fixtureUrl(path)) };
}

/** Asserts that `run` rejects with an EmError of `code` whose message contains every fragment. */
export async function expectEmError(
  run: () => Promise<unknown>,
  code: string,
  ...fragments: string[]
): Promise<EmError> {
  try {
    await run();
  } catch (error) {
    expect(error).to.be.instanceOf(EmError);
    const emError = error as EmError;
    expect(emError.code, emError.message).to.equal(code);
    for (const fragment of fragments) expect(emError.message).to.include(fragment);
    return emError;
  }
  expect.fail(`expected ${code}`);
}

/** Joins lines with CRLF, as feeds on the wire do. */
export function ics(...lines: string[]): string {
  return `${lines.join('\r\n')}\r\n`;
}
