import { expect } from 'chai';
import { startCityServer, jsonDocument, type CityServer } from './helpers/city-server.js';
import { settle, startMeetings, type Harness } from './helpers/harness.js';
import { TEST_JSON_PAGED_TYPE } from './helpers/json-scraper.js';
import { BUDGET, COUNCIL, FINANCE, NOW } from './helpers/springfield.js';
import { openMeetingsStore, testBackends, type MeetingsStore } from './helpers/store.js';

for (const backend of testBackends()) {
  describe(`meetings paged sources (${backend.name})`, function () {
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

    it('follows the scraper’s pages, merges them without repeats, and sends no conditional request', async () => {
      const withId = (m: object, id: string) => ({ ...m, id });
      server.set(
        '/events',
        jsonDocument({ meetings: [withId(COUNCIL, '1'), withId(FINANCE, '2')], next: '/events/2' }, '"p1"'),
      );
      // Rows can shift between pages while paging: the repeat of event 2 is dropped.
      server.set(
        '/events/2',
        jsonDocument({ meetings: [withId(FINANCE, '2'), withId(BUDGET, '3')], next: '/events/3' }),
      );
      server.set('/events/3', jsonDocument({ meetings: [] }));
      const source = {
        name: 'spr_api',
        city: 'Springfield',
        body: 'City Council',
        type: TEST_JSON_PAGED_TYPE,
        url: server.url('/events'),
        timeZone: 'America/Chicago',
      };
      h = await startMeetings(db.store, { sources: [source], scrape: { timeoutSec: 60 } }, { now: NOW });

      const [report] = await settle(h.service.scrapeNow(), h.clock);
      expect(report!.runs[0]).to.include({ itemsFound: 3, attempts: 3, httpStatus: 200, notModified: false });
      expect((await h.service.list()).map((m) => m.id)).to.deep.equal([
        'spr_api/202604071800/1/city_council_regular_meeting',
        'spr_api/202604141700/2/finance_committee',
        'spr_api/202604211800/3/budget_hearing',
      ]);

      await settle(h.service.scrapeNow(), h.clock);
      expect(server.requests.map((r) => [r.path, r.ifNoneMatch])).to.deep.equal([
        ['/events', undefined],
        ['/events/2', undefined],
        ['/events/3', undefined],
        ['/events', undefined],
        ['/events/2', undefined],
        ['/events/3', undefined],
      ]);
    });
  });
}
