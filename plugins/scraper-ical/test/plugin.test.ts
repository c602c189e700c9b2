import { expect } from 'chai';
import { scrapersRef, type Scraper } from '@encoder-manager/sdk';
import { createTestContext } from '@encoder-manager/sdk/testing';
import { scraperIcalPlugin } from '../src/index.js';
import { ics, icsInput } from './helpers.js';

describe('scraper-ical plugin', () => {
  it('provides one scraper for source type "ical" that parses through the service ref', async () => {
    const t = createTestContext({ name: 'scraper-ical' });
    await scraperIcalPlugin.setup(t.ctx, {});
    const scrapers = t.ctx.useAll(scrapersRef) as readonly Scraper[];
    expect(scrapers.map((s) => [s.name, [...s.sourceTypes]])).to.deep.equal([['ical', ['ical']]]);
    const text = ics(
      'BEGIN:VCALENDAR',
      'BEGIN:VEVENT',
      'UID:1',
      'SUMMARY:Council',
      'DTSTART:20240105T230000Z',
      'END:VEVENT',
      'END:VCALENDAR',
    );
    const meetings = await scrapers[0]?.parse(icsInput(text));
    expect(meetings?.map((m) => m.start)).to.deep.equal(['2024-01-05T18:00:00']);
    await t.stop();
  });
});
