import { readFileSync } from 'node:fs';
import { expect } from 'chai';
import { scrapersRef, type Scraper } from '@encoder-manager/sdk';
import { createTestContext } from '@encoder-manager/sdk/testing';
import scraperIcalPlugin from '@encoder-manager/plugin-scraper-ical';
import { startCityServer, type CityServer } from './helpers/city-server.js';
import { expectedTables, fixtureUrl } from './helpers/expected.js';
import { settle, startMeetings, type Harness } from './helpers/harness.js';
import { openMeetingsStore, testBackends, type MeetingsStore } from './helpers/store.js';

const FOLDER = 'city-scrapers-det/det_board_of_education';
/** expected.md: freeze_time("2019-04-30"), zone America/Detroit. */
const FROZEN_NOW = Date.UTC(2019, 3, 30, 12);
const ICS = readFileSync(fixtureUrl(`${FOLDER}/det_board_of_education.ics`), 'utf8');

/** The real iCal scraper, set up through its plugin definition as the agent would. */
async function icalScrapers(): Promise<Scraper[]> {
  const t = createTestContext({ name: 'scraper-ical' });
  await scraperIcalPlugin.setup(t.ctx, {});
  const scrapers = t.provided.get(scrapersRef.id) as Scraper[];
  await t.stop();
  return scrapers;
}

for (const backend of testBackends()) {
  describe(`meetings end-to-end with the real scraper-ical on the Detroit fixture (${backend.name})`, function () {
    let db: MeetingsStore;
    let server: CityServer;
    let h: Harness | undefined;

    before(async () => {
      db = await openMeetingsStore(backend);
      server = await startCityServer();
    });
    after(async () => {
      await h?.stop();
      await server.close();
      await db.close();
    });

    it('scrapes the feed, stores the full expected list, then sees a 304 and a moved meeting', async () => {
      server.set('/icalfeed.ashx', {
        kind: 'document',
        body: ICS,
        contentType: 'text/calendar',
        etag: '"det-1"',
      });
      // The station points the shipped catalog entry at its own mirror (here: the local server).
      const config = {
        sources: [
          {
            name: 'det_board_of_education',
            city: 'Detroit',
            body: 'Board of Education',
            type: 'ical',
            url: server.url('/icalfeed.ashx'),
            timeZone: 'America/Detroit',
          },
        ],
      };
      h = await startMeetings(db.store, config, { now: FROZEN_NOW, scrapers: await icalScrapers() });

      const [report] = await settle(h.service.scrapeNow(), h.clock);
      expect(report!.runs[0]).to.include({
        source: 'det_board_of_education',
        httpStatus: 200,
        itemsFound: 33,
      });

      const stored = await h.service.list();
      const [expected] = expectedTables(`${FOLDER}/expected.md`);
      expect(expected).to.have.length(33);
      const actual = stored.map((m) => [m.start, m.end ?? '', m.title, m.status]);
      const wanted = expected!.map((row) => [row.start!, row.end!, row.title!, row.status!]);
      expect(actual).to.deep.equal(wanted.sort((a, b) => a[0]!.localeCompare(b[0]!)));
      expect(stored[0]).to.include({
        id: 'det_board_of_education/201904161730/7856/dpscd_regular_board_meeting',
        startsAt: '2019-04-16T17:30:00-04:00',
      });
      // Meetings still to come are announced; the three that had passed on the frozen date are not.
      expect(h.changes()).to.have.length(30);

      const [again] = await settle(h.service.scrapeNow(), h.clock);
      expect(again!.runs[0]).to.include({ httpStatus: 304, notModified: true, itemsFound: 33 });

      const moved = ICS.replace('DTSTART:20190502T203000Z', 'DTSTART:20190502T210000Z').replace(
        'DTEND:20190502T220000Z',
        'DTEND:20190502T223000Z',
      );
      server.set('/icalfeed.ashx', {
        kind: 'document',
        body: moved,
        contentType: 'text/calendar',
        etag: '"det-2"',
      });
      await settle(h.service.scrapeNow(), h.clock);
      expect(
        h
          .changes()
          .slice(30)
          .map((c) => [c.change, c.meeting.title, c.meeting.start]),
      ).to.deep.equal([['moved', 'DPSCD Special Meeting', '2019-05-02T17:00:00']]);
      const before = await h.service.list();
      expect(before).to.have.length(33);

      // The district's CMS answers with a maintenance page instead of the feed.
      const maintenance = '<!DOCTYPE html><html><body><h1>Site maintenance</h1></body></html>';
      server.set('/icalfeed.ashx', {
        kind: 'document',
        body: maintenance,
        contentType: 'text/html',
        etag: '"det-3"',
      });
      const [garbled] = await settle(h.service.scrapeNow(), h.clock);
      expect(garbled!.ok).to.equal(false);
      expect(garbled!.runs[0]).to.include({ errorCode: 'EM_SCRAPE_PARSE', httpStatus: 200 });
      expect(garbled!.runs[0]!.errorMessage).to.match(/^det_board_of_education: /);
      expect(await h.service.list()).to.deep.equal(before);
      expect(h.changes()).to.have.length(31);
    });
  });
}
