import { readFileSync } from 'node:fs';
import { expect } from 'chai';
import type { EmError } from '@encoder-manager/sdk';
import { emErrorOf, meetingFixtureUrl } from '@encoder-manager/sdk/testing';
import { createPdfScraper } from '../src/index.js';
import { input } from './helpers.js';
import { buildPdf, table } from './pdf-builder.js';

const parseError = (body: Uint8Array, extra: Parameters<typeof input>[1] = {}): Promise<EmError> =>
  emErrorOf(() => createPdfScraper().parse(input(body, extra)));

const fixturePdf = (): Uint8Array =>
  new Uint8Array(readFileSync(meetingFixtureUrl('city-scrapers-akr/akr_planning/akr_planning.pdf')));

describe('scraper-pdf errors', () => {
  const garbled: Array<[string, () => Uint8Array, RegExp]> = [
    ['an empty reply', () => new Uint8Array(), /empty/],
    [
      'an HTML error page',
      () => new TextEncoder().encode('<!DOCTYPE html><html><body>404 Not Found</body></html>'),
      /HTML page/,
    ],
    [
      'bytes that are not a PDF',
      () => new TextEncoder().encode('BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n'),
      /not a PDF/,
    ],
    ['a PDF header followed by junk', () => new TextEncoder().encode('%PDF-1.7\n' + 'x'.repeat(2000)), /PDF/],
    ['a truncated download', () => fixturePdf().subarray(0, 1500), /PDF/],
    ['a PDF without a text layer', () => buildPdf([[]]), /no text layer/],
    [
      'a PDF without any meeting date',
      () => buildPdf([[{ x: 72, y: 700, text: 'Minutes are posted after approval.' }]]),
      /no meeting date/,
    ],
  ];
  for (const [what, body, message] of garbled) {
    it(`throws EM_SCRAPE_PARSE naming the source for ${what}`, async () => {
      const error = await parseError(body());
      expect(error.code).to.equal('EM_SCRAPE_PARSE');
      expect(error.message).to.match(/^test_body: /);
      expect(error.message).to.match(message);
      expect(error.hint).to.be.a('string').and.not.equal('');
      expect(error.details).to.deep.equal({ source: 'test_body' });
    });
  }

  it('throws EM_CONFIG_INVALID naming the source and option for bad catalog options', async () => {
    const pdf = buildPdf([table([['May 3, 2021'], ['June 7, 2021']], { x: [72], top: 600 })]);
    const cases: Array<[Record<string, unknown>, RegExp]> = [
      [{ defaultTime: '7pm' }, /defaultTime/],
      [{ defaultTime: '25:00' }, /defaultTime/],
      [{ title: '' }, /title/],
      [{ location: 'City Hall' }, /location/],
      [{ dateColumn: -1 }, /dateColumn/],
    ];
    for (const [options, message] of cases) {
      const error = await parseError(pdf, { options });
      expect(error.code, JSON.stringify(options)).to.equal('EM_CONFIG_INVALID');
      expect(error.message)
        .to.match(/^test_body: /)
        .and.match(message);
    }
    const zone = await parseError(pdf, { timeZone: 'Mars/Olympus' });
    expect(zone.code).to.equal('EM_CONFIG_INVALID');
    expect(zone.message).to.match(/Mars\/Olympus/);
  });

  it('leaves the caller’s bytes intact (pdf.js gets a copy)', async () => {
    const body = fixturePdf();
    const before = Buffer.from(body).toString('base64');
    await createPdfScraper().parse(input(body, { options: { defaultTime: '09:00' } }));
    expect(body.byteLength).to.be.greaterThan(0);
    expect(Buffer.from(body).toString('base64')).to.equal(before);
  });

  it('reads at most maxPages pages', async () => {
    const pdf = buildPdf([
      table([['Meeting Date'], ['May 3, 2021'], ['June 7, 2021']], { x: [72], top: 600 }),
      table([['July 5, 2021'], ['August 2, 2021']], { x: [72], top: 700 }),
    ]);
    const all = await createPdfScraper().parse(input(pdf));
    const first = await createPdfScraper({ maxPages: 1 }).parse(input(pdf));
    expect(all).to.have.length(4);
    expect(first.map((m) => m.start.slice(0, 10))).to.deep.equal(['2021-05-03', '2021-06-07']);
  });
});
