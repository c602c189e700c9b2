import { expect } from 'chai';
import { expectEmError } from '@encoder-manager/sdk/testing';
import { parseIcal } from '../src/index.js';
import { ics, icsInput } from './helpers.js';

describe('scraper-ical bad input', () => {
  const garbled: ReadonlyArray<[string, Uint8Array | string]> = [
    ['random bytes', Uint8Array.from({ length: 256 }, (_, i) => (i * 73 + 11) % 256)],
    ['an HTML error page', '<!DOCTYPE html><html><body><h1>503 Service Unavailable</h1></body></html>'],
    ['JSON', '{"events": []}'],
    ['a truncated feed', ics('BEGIN:VCALENDAR', 'VERSION:2.0', 'BEGIN:VEVENT', 'SUMMARY:Council')],
    ['a line without a colon', ics('BEGIN:VCALENDAR', 'VERSION:2.0', 'garbage line', 'END:VCALENDAR')],
    ['an empty body', ''],
  ];
  for (const [what, body] of garbled) {
    it(`rejects ${what} with EM_SCRAPE_PARSE naming the source`, async () => {
      const bytes = typeof body === 'string' ? new TextEncoder().encode(body) : body;
      const error = await expectEmError(
        async () => parseIcal(icsInput('', { body: bytes, source: 'det_board_of_education' })),
        'EM_SCRAPE_PARSE',
        'det_board_of_education:',
      );
      expect(error.hint).to.include('iCalendar');
    });
  }

  it('returns no meetings for a valid calendar without events', () => {
    expect(parseIcal(icsInput(ics('BEGIN:VCALENDAR', 'VERSION:2.0', 'END:VCALENDAR')))).to.deep.equal([]);
  });

  it('rejects wrong options and zones as config problems naming the source and option', async () => {
    const empty = ics('BEGIN:VCALENDAR', 'VERSION:2.0', 'END:VCALENDAR');
    await expectEmError(
      async () => parseIcal(icsInput(empty, { options: { pastDays: -1 } })),
      'EM_CONFIG_INVALID',
      'test_feed: option "pastDays"',
    );
    await expectEmError(
      async () => parseIcal(icsInput(empty, { options: { titleRemove: ['('] } })),
      'EM_CONFIG_INVALID',
      'option "titleRemove"',
    );
    await expectEmError(
      async () => parseIcal(icsInput(empty, { timeZone: 'Eastern' })),
      'EM_CONFIG_INVALID',
      '"Eastern" is not an IANA time zone',
    );
  });
});
