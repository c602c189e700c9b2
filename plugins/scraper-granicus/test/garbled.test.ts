import { expect } from 'chai';
import { expectEmError } from '@encoder-manager/sdk/testing';
import { parseGranicus } from '../src/index.js';
import { docInput } from './helpers.js';

describe('scraper-granicus bad input', () => {
  const cases: ReadonlyArray<[string, string | Uint8Array, string]> = [
    ['random bytes', Uint8Array.from({ length: 300 }, (_, i) => (i * 131 + 17) % 256), 'not an HTML page'],
    ['JSON', '{"meetings": []}', 'not an HTML page'],
    [
      'a page without listing tables',
      '<html><body><p>Temporarily unavailable</p></body></html>',
      'no Granicus listing tables',
    ],
    [
      'listing rows without any date',
      '<html><body><table class="listingTable"><tr><th>Name</th><th>Date</th></tr><tr><td>Council</td><td>soon</td></tr></table></body></html>',
      'no listing row has a date',
    ],
  ];
  for (const [what, body, message] of cases) {
    it(`rejects ${what} with EM_SCRAPE_PARSE naming the source`, async () => {
      const error = await expectEmError(
        () => parseGranicus(docInput(body, { source: 'tulok_citycouncil' })),
        'EM_SCRAPE_PARSE',
        'tulok_citycouncil:',
        message,
      );
      expect(error.hint).to.include('ViewPublisher');
    });
  }

  it('rejects a broken upcomingTitle pattern as a config problem', async () => {
    await expectEmError(
      () => parseGranicus(docInput('<html></html>', { options: { upcomingTitle: '(' } })),
      'EM_CONFIG_INVALID',
      'option "upcomingTitle"',
    );
  });
});
