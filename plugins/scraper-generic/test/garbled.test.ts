import { expect } from 'chai';
import { expectEmError } from '@encoder-manager/sdk/testing';
import { parseGeneric } from '../src/index.js';
import { docInput } from './helpers.js';

const JSON_OPTIONS = { items: '$.value[*]', fields: { title: 'eventName', start: 'startDateTime' } };
const HTML_OPTIONS = { rows: 'tr.meeting', fields: { title: 'td.name', date: 'td.date' } };

describe('scraper-generic bad input', () => {
  const cases: ReadonlyArray<[string, string | Uint8Array, Record<string, unknown>, string]> = [
    [
      'random bytes (JSON source)',
      Uint8Array.from({ length: 100 }, (_, i) => (i * 37 + 5) % 256),
      JSON_OPTIONS,
      'not JSON',
    ],
    [
      'an HTML error page (JSON source)',
      '<html><body>502 Bad Gateway</body></html>',
      JSON_OPTIONS,
      'not JSON',
    ],
    [
      'JSON of another shape',
      '{"data": [{"title": "x"}]}',
      JSON_OPTIONS,
      'items path $.value[*] matches nothing',
    ],
    [
      'items without readable starts',
      '{"value": [{"eventName": "A", "startDateTime": "soon"}]}',
      JSON_OPTIONS,
      'none of the 1 items',
    ],
    [
      'random bytes (HTML source)',
      Uint8Array.from({ length: 100 }, (_, i) => (i * 41 + 9) % 256),
      HTML_OPTIONS,
      'not an HTML page',
    ],
    [
      'a page without the rows',
      '<html><body><p>moved</p></body></html>',
      HTML_OPTIONS,
      'matches nothing on the page',
    ],
  ];
  for (const [what, body, options, message] of cases) {
    it(`rejects ${what} with EM_SCRAPE_PARSE naming the source`, async () => {
      const error = await expectEmError(
        () => parseGeneric(docInput(body, { source: 'county_calendar', options })),
        'EM_SCRAPE_PARSE',
        'county_calendar:',
        message,
      );
      expect(error.hint).to.include('options');
    });
  }

  const badOptions: ReadonlyArray<[string, Record<string, unknown>, string]> = [
    ['no fields', {}, '/fields'],
    ['neither start nor date', { fields: { title: 'x' } }, 'needs start or date'],
    ['an unknown field', { fields: { title: 'x', start: 'y', colour: 'z' } }, '/fields'],
    ['a bad times value', { times: 'utc', fields: { title: 'x', start: 'y' } }, '/times'],
    ['a script JSONPath', { items: '$.value[?(@.x)]', fields: { title: 'x', start: 'y' } }, 'options.items'],
    [
      'a broken exclude pattern',
      { exclude: { title: '(' }, fields: { title: 'x', start: 'y' } },
      'options.exclude.title',
    ],
  ];
  for (const [what, options, message] of badOptions) {
    it(`rejects options with ${what} as EM_CONFIG_INVALID`, async () => {
      await expectEmError(
        () => parseGeneric(docInput('{"value": []}', { options })),
        'EM_CONFIG_INVALID',
        message,
      );
    });
  }
});
