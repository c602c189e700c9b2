import { expect } from 'chai';
import { expectEmError } from '@encoder-manager/sdk/testing';
import { parseCivicClerk } from '../src/index.js';
import { docInput } from './helpers.js';

describe('scraper-civicclerk bad input', () => {
  const cases: ReadonlyArray<[string, string | Uint8Array, string]> = [
    ['random bytes', Uint8Array.from({ length: 200 }, (_, i) => (i * 97 + 3) % 256), 'not JSON'],
    ['an HTML page', '<!doctype html><html><body>Maintenance</body></html>', 'not JSON'],
    ['a truncated reply', '{"value": [{"id": 1, "startDate', 'not JSON'],
    [
      'an OData error',
      '{"error": {"code": "", "message": "The query specified in the URI is not valid."}}',
      'CivicClerk replied "The query',
    ],
    ['a bare array', '[{"id": 1, "startDateTime": "2024-01-01T00:00:00Z"}]', 'no "value" array'],
    ['Legistar rows', '{"value": [{"EventId": 1, "EventDate": "2024-01-01T00:00:00"}]}', 'no "value" array'],
  ];
  for (const [what, body, message] of cases) {
    it(`rejects ${what} with EM_SCRAPE_PARSE naming the source`, async () => {
      const error = await expectEmError(
        () => parseCivicClerk(docInput(body, { source: 'atl_south_fulton_city_council' })),
        'EM_SCRAPE_PARSE',
        'atl_south_fulton_city_council:',
        message,
      );
      expect(error.hint).to.include('CivicClerk');
    });
  }

  it('an empty page is no meetings', () => {
    expect(parseCivicClerk(docInput('{"value": []}'))).to.deep.equal([]);
  });
});
