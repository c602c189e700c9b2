import { scrapeInputFactory } from '@encoder-manager/sdk/testing';

/** A scrape input for an in-test Granicus document (a string body is UTF-8 encoded). */
export const docInput = scrapeInputFactory({
  source: 'test_granicus',
  url: 'https://example.granicus.com/ViewPublisher.php?view_id=1',
  contentType: 'text/html',
  timeZone: 'America/New_York',
  now: Date.parse('2024-03-01T12:00:00Z'),
});
