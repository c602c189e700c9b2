import { scrapeInputFactory } from '@encoder-manager/sdk/testing';

/** A scrape input for an in-test generic document (a string body is UTF-8 encoded). */
export const docInput = scrapeInputFactory({
  source: 'test_generic',
  url: 'https://example.org/meetings',
  contentType: 'application/json',
  timeZone: 'America/New_York',
  now: Date.parse('2024-03-01T12:00:00Z'),
});
