import { readFileSync } from 'node:fs';
import { expect } from 'chai';
import { EmError, type ScrapeInput } from '@encoder-manager/sdk';
import { readExpectedMeetings, type ExpectedMeetings } from '@encoder-manager/sdk/testing';

/** A file under shared/fixtures/meetings (shared/ sits beside the repo clone, here and in CI). */
export function fixtureUrl(path: string): URL {
  return new URL(`../../../../shared/fixtures/meetings/${path}`, import.meta.url);
}

/** A fixture's expected.md and a scrape input for one of its files, with the frozen now and zone. */
export function fixture(
  folder: string,
  file: string,
  url: string,
): { expected: ExpectedMeetings; input: ScrapeInput } {
  const expected = readExpectedMeetings(fixtureUrl(`${folder}/expected.md`));
  const input: ScrapeInput = {
    source: folder.split('/').pop() ?? folder,
    url,
    contentType: file.endsWith('.json') ? 'application/json' : 'text/html',
    body: readFileSync(fixtureUrl(`${folder}/${file}`)),
    timeZone: expected.timeZone,
    now: expected.now,
  };
  return { expected, input };
}

/** A scrape input for an in-test document. */
export function docInput(body: string | Uint8Array, overrides: Partial<ScrapeInput> = {}): ScrapeInput {
  return {
    source: 'test_generic',
    url: 'https://example.org/meetings',
    contentType: 'application/json',
    body: typeof body === 'string' ? new TextEncoder().encode(body) : body,
    timeZone: 'America/New_York',
    now: Date.parse('2024-03-01T12:00:00Z'),
    ...overrides,
  };
}

/** Asserts that `run` throws an EmError of `code` whose message contains every fragment. */
export async function expectEmError(
  run: () => unknown,
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
