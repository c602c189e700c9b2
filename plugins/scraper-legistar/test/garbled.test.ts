import { expect } from 'chai';
import { expectEmError } from '@encoder-manager/sdk/testing';
import { parseLegistarApi, parseLegistarGrid } from '../src/index.js';
import { docInput } from './helpers.js';

const RANDOM = Uint8Array.from({ length: 200 }, (_, i) => (i * 89 + 7) % 256);

describe('scraper-legistar bad input', () => {
  const apiCases: ReadonlyArray<[string, string | Uint8Array, string]> = [
    ['random bytes', RANDOM, 'not JSON'],
    ['an HTML error page', '<html><body>Service Unavailable</body></html>', 'not JSON'],
    ['a truncated reply', '[{"EventId": 1, "EventDate": "2024-0', 'not JSON'],
    ['an API error object', '{"Message": "Agency not found"}', 'Legistar replied "Agency not found"'],
    ['an array of numbers', '[1, 2, 3]', 'no Legistar events'],
    ['rows of another API', '[{"id": 1, "startDateTime": "2024-01-01T00:00:00Z"}]', 'no Legistar events'],
  ];
  for (const [what, body, message] of apiCases) {
    it(`legistar-api rejects ${what} with EM_SCRAPE_PARSE naming the source`, async () => {
      const error = await expectEmError(
        () => parseLegistarApi(docInput(body, { source: 'charnc_meck_boc' })),
        'EM_SCRAPE_PARSE',
        'charnc_meck_boc:',
        message,
      );
      expect(error.hint).to.include('Legistar Web API');
    });
  }

  const gridCases: ReadonlyArray<[string, string | Uint8Array, string]> = [
    ['random bytes', RANDOM, 'neither HTML nor JSON'],
    [
      'a page without the grid',
      '<html><body><p>Calendar is down</p></body></html>',
      'no Legistar calendar grid',
    ],
    ['JSON that is not grid rows', '{"value": []}', 'grid rows'],
    ['truncated JSON rows', '[{"Name": {"label": "City', 'invalid JSON'],
  ];
  for (const [what, body, message] of gridCases) {
    it(`legistar-grid rejects ${what} with EM_SCRAPE_PARSE naming the source`, async () => {
      await expectEmError(
        () => parseLegistarGrid(docInput(body, { source: 'cle_city_council' })),
        'EM_SCRAPE_PARSE',
        'cle_city_council:',
        message,
      );
    });
  }

  it('an empty events page is no meetings, not an error', () => {
    expect(parseLegistarApi(docInput('[]'))).to.deep.equal([]);
  });

  it('a wrong option type is a config problem naming the option', async () => {
    await expectEmError(
      () => parseLegistarApi(docInput('[]', { options: { defaultTime: 9 } })),
      'EM_CONFIG_INVALID',
      'option "defaultTime"',
    );
  });
});
