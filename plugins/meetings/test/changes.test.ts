import { expect } from 'chai';
import { startCityServer, jsonDocument, type CityServer } from './helpers/city-server.js';
import { settle, startMeetings, type Harness } from './helpers/harness.js';
import { BUDGET, COUNCIL, FINANCE, MARCH, NOW, springfieldConfig } from './helpers/springfield.js';
import { openMeetingsStore, testBackends, type MeetingsStore } from './helpers/store.js';

const HOUR = 3_600_000;

for (const backend of testBackends()) {
  describe(`meetings change detection (${backend.name})`, function () {
    let db: MeetingsStore;
    let server: CityServer;
    let h: Harness | undefined;

    before(async () => {
      db = await openMeetingsStore(backend);
    });
    after(() => db.close());
    beforeEach(async () => {
      await db.clear();
      server = await startCityServer();
    });
    afterEach(async () => {
      await h?.stop();
      h = undefined;
      await server.close();
    });

    const scrape = async () => settle(h!.service.scrapeNow(), h!.clock);
    const serve = (...meetings: object[]) => server.set('/primary.json', jsonDocument({ meetings }));
    const changes = () => h!.changes().map((c) => [c.change, c.meeting.title, c.meeting.start]);

    it('stores meetings with stable ids, zone-aware instants and derived status, and announces new ones', async () => {
      serve(COUNCIL, FINANCE, MARCH);
      h = await startMeetings(db.store, springfieldConfig(server), { now: NOW });
      await scrape();

      const [march, council] = await h.service.list();
      expect(council).to.deep.include({
        id: 'spr_council/202604071800/x/city_council_regular_meeting',
        source: 'spr_council',
        body: 'City Council',
        timeZone: 'America/Chicago',
        start: '2026-04-07T18:00:00',
        end: '2026-04-07T20:00:00',
        startsAt: '2026-04-07T18:00:00-05:00',
        endsAt: '2026-04-07T20:00:00-05:00',
        status: 'tentative',
        location: { name: 'Council Chambers' },
        missedCount: 0,
      });
      // Fake time moves a little while the test waits for real HTTP replies.
      expect(council!.firstSeenAt)
        .to.be.within(NOW, NOW + 10_000)
        .and.equal(council!.lastSeenAt);
      expect(march).to.include({ status: 'passed', startsAt: '2026-03-03T18:00:00-06:00' });
      expect(changes()).to.deep.equal([
        ['new', 'City Council Regular Meeting', '2026-04-07T18:00:00'],
        ['new', 'Finance Committee', '2026-04-14T17:00:00'],
      ]);
      expect(h.changes()[0]!.at).to.equal(council!.firstSeenAt);
    });

    it('detects moved, new and updated meetings, and cancels one missing from 2 successful scrapes', async () => {
      serve(COUNCIL, FINANCE, MARCH);
      h = await startMeetings(db.store, springfieldConfig(server), { now: NOW });
      await scrape();
      const councilId = (await h.service.list()).find(
        (m) => m.title === COUNCIL.title && m.start === COUNCIL.start,
      )!.id;

      // The council meeting moves half an hour, Finance disappears, a budget hearing appears; March is gone too.
      await h.clock.advance(HOUR);
      serve({ ...COUNCIL, start: '2026-04-07T18:30:00', end: '2026-04-07T20:30:00' }, BUDGET);
      await scrape();
      expect(changes().slice(2)).to.deep.equal([
        ['moved', 'City Council Regular Meeting', '2026-04-07T18:30:00'],
        ['new', 'Budget Hearing', '2026-04-21T18:00:00'],
      ]);
      const finance = (await h.service.list()).find((m) => m.title === 'Finance Committee')!;
      expect(finance).to.include({ status: 'tentative', missedCount: 1 });

      await h.clock.advance(HOUR);
      serve(
        { ...COUNCIL, start: '2026-04-07T18:30:00', end: '2026-04-07T20:30:00' },
        { ...BUDGET, location: 'Room 2' },
      );
      await scrape();
      expect(changes().slice(4)).to.deep.equal([
        ['updated', 'Budget Hearing', '2026-04-21T18:00:00'],
        ['cancelled', 'Finance Committee', '2026-04-14T17:00:00'],
      ]);

      const stored = await h.service.list();
      const council = stored.find((m) => m.title === COUNCIL.title && m.status !== 'passed')!;
      expect(council).to.include({ id: councilId, start: '2026-04-07T18:30:00' });
      expect(council.firstSeenAt).to.be.within(NOW, NOW + 10_000);
      expect(council.lastSeenAt).to.be.within(NOW + 2 * HOUR, NOW + 2 * HOUR + 30_000);
      expect(stored.find((m) => m.title === 'Finance Committee')).to.include({
        status: 'cancelled',
        missedCount: 2,
      });
      // A past meeting that drops off the page is history, not a cancellation.
      expect(stored.find((m) => m.start === MARCH.start)).to.include({ status: 'passed', missedCount: 0 });
    });

    it('reports a cancellation the source announces, and a meeting listed again after being dropped', async () => {
      serve(COUNCIL, FINANCE);
      h = await startMeetings(
        db.store,
        springfieldConfig(server, { scrape: { missesToCancel: 1, timeoutSec: 60 } }),
        { now: NOW },
      );
      await scrape();
      serve({ ...COUNCIL, cancelled: true });
      await scrape();
      serve({ ...COUNCIL, cancelled: true }, FINANCE);
      await scrape();
      expect(changes().slice(2)).to.deep.equal([
        ['cancelled', 'City Council Regular Meeting', '2026-04-07T18:00:00'],
        ['cancelled', 'Finance Committee', '2026-04-14T17:00:00'],
        ['updated', 'Finance Committee', '2026-04-14T17:00:00'],
      ]);
      const statuses = (await h.service.list()).map((m) => [m.title, m.status]);
      expect(statuses).to.deep.equal([
        ['City Council Regular Meeting', 'cancelled'],
        ['Finance Committee', 'tentative'],
      ]);
    });

    it('merges a merge source: one meeting per match, primary fields win, links united', async () => {
      const config = springfieldConfig(server);
      const calendar = {
        ...config.sources[1]!,
        name: 'spr_calendar',
        url: server.url('/calendar.json'),
        merge: true,
      };
      serve(COUNCIL);
      server.set(
        '/calendar.json',
        jsonDocument({
          meetings: [
            {
              title: 'Regular Meeting of the Springfield City Council',
              start: '2026-04-07T18:15:00',
              location: 'City Hall',
              links: [
                { title: 'Packet', url: 'https://springfield.example/packet/0407.pdf' },
                ...COUNCIL.links!,
              ],
            },
            { title: 'Parks Board', start: '2026-04-09T17:00:00' },
          ],
        }),
      );
      h = await startMeetings(db.store, { ...config, sources: [config.sources[0], calendar] }, { now: NOW });
      const [report] = await scrape();
      expect(report!.runs.map((r) => r.source)).to.deep.equal(['spr_council', 'spr_calendar']);

      const [council, parks] = await h.service.list();
      expect(council).to.deep.include({
        id: 'spr_council/202604071800/x/city_council_regular_meeting',
        title: 'City Council Regular Meeting',
        location: { name: 'Council Chambers' },
      });
      expect(council!.links.map((l) => l.url)).to.deep.equal([
        'https://springfield.example/agenda/0407.pdf',
        'https://springfield.example/packet/0407.pdf',
      ]);
      expect(parks).to.include({ id: 'spr_calendar/202604091700/x/parks_board', source: 'spr_calendar' });
    });
  });
}
