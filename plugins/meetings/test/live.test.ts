import { expect } from 'chai';
import type { MeetingEvent, StreamStateEvent } from '@encoder-manager/sdk';
import { LIVE_CHECK } from '../src/index.js';
import { startCityServer, jsonDocument, type CityServer } from './helpers/city-server.js';
import { settle, startRuntime, type Harness } from './helpers/harness.js';
import { NOW, springfieldConfig } from './helpers/springfield.js';
import { openMeetingsStore, testBackends, type MeetingsStore } from './helpers/store.js';
import type { MeetingsRuntime } from '../src/index.js';

const MIN = 60_000;
/** 07:30–08:30 CDT on the test day; "now" starts at 07:00 CDT. */
const COUNCIL_TODAY = {
  title: 'City Council Regular Meeting',
  start: '2026-04-01T07:30:00',
  end: '2026-04-01T08:30:00',
};
const START = NOW + 30 * MIN;
const END = NOW + 90 * MIN;

function stream(publishing: boolean, at: number): StreamStateEvent {
  return { stream: 'live/council', publishing, source: 'ingest-test', at };
}

for (const backend of testBackends()) {
  describe(`meetings should-be-live check (${backend.name})`, function () {
    let db: MeetingsStore;
    let server: CityServer;
    let h: (Harness & { runtime: MeetingsRuntime }) | undefined;

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

    async function start(meetings: object[], link: Record<string, unknown> = {}) {
      server.set('/primary.json', jsonDocument({ meetings }));
      const links = [
        { body: 'city council', stream: 'live/council', channel: 'council-live', postRollMin: 5, ...link },
      ];
      h = await startRuntime(db.store, springfieldConfig(server, { links }), { now: NOW });
      await settle(h.service.scrapeNow(), h.clock);
    }

    /** Moves the fake clock to `at` and runs one live-check evaluation, as the 30 s job does. */
    async function tickAt(at: number) {
      await h!.clock.advance(at - h!.clock.now());
      await h!.runtime.watcher.tick();
    }

    const live = () => h!.results(LIVE_CHECK);
    const titles = (name: 'meeting.starting' | 'meeting.ended') =>
      h!.named(name).map((e) => (e.payload as MeetingEvent).meeting.title);

    it('warns in pre-roll, goes critical after the start, ok when stream.state says publishing', async () => {
      await start([COUNCIL_TODAY]);

      await tickAt(START - 11 * MIN);
      expect(live()).to.deep.equal([]);
      expect(titles('meeting.starting')).to.deep.equal([]);

      await tickAt(START - 9 * MIN);
      expect(titles('meeting.starting')).to.deep.equal(['City Council Regular Meeting']);
      expect(live()).to.have.length(1);
      expect(live()[0]).to.deep.include({
        check: 'meeting-live',
        subject: 'spr_council/202604010730/x/city_council_regular_meeting',
        status: 'warning',
        labels: {
          body: 'City Council',
          meeting: 'spr_council/202604010730/x/city_council_regular_meeting',
          stream: 'live/council',
          channel: 'council-live',
        },
      });
      expect(live()[0]!.message).to.equal(
        'City Council "City Council Regular Meeting" starts at 07:30 CDT (in 9 min) but live/council is not publishing yet',
      );

      await tickAt(START + 5 * MIN);
      const critical = live().at(-1)!;
      expect(critical).to.include({ status: 'critical', value: 5, at: START + 5 * MIN });
      expect(critical.message).to.equal(
        'City Council "City Council Regular Meeting" started at 07:30 CDT but live/council is not publishing — 5 min late',
      );
      await tickAt(START + 5 * MIN + 30_000);
      expect(live().map((r) => r.status)).to.deep.equal(['warning', 'critical', 'critical']);

      h!.runtime.watcher.onStreamState(stream(true, h!.clock.now()));
      const ok = live().at(-1)!;
      expect(ok).to.include({ status: 'ok', subject: critical.subject });
      expect(ok.message).to.equal(
        'City Council "City Council Regular Meeting" (07:30 CDT): live/council is publishing',
      );

      await tickAt(START + 30 * MIN);
      expect(live()).to.have.length(4); // ok is sent once per recovery, problems on every evaluation

      h!.runtime.watcher.onStreamState(stream(false, h!.clock.now()));
      expect(live().at(-1)).to.include({ status: 'critical', value: 30 });

      await tickAt(END + 4 * MIN); // post-roll: still required
      expect(live().at(-1)).to.include({ status: 'critical' });
      expect(titles('meeting.ended')).to.deep.equal([]);

      await tickAt(END + 5 * MIN);
      expect(titles('meeting.ended')).to.deep.equal(['City Council Regular Meeting']);
      const closed = live().at(-1)!;
      expect(closed).to.include({ status: 'ok' });
      expect(closed.message).to.match(/is over; live\/council is no longer required$/);
      const count = live().length;
      await tickAt(END + 60 * MIN);
      expect(live()).to.have.length(count);
    });

    it('is quiet while the stream publishes, and ignores cancelled meetings and other bodies', async () => {
      await start([
        COUNCIL_TODAY,
        { title: 'Special Meeting', start: '2026-04-01T07:40:00', cancelled: true },
        { title: 'Parks Board', body: 'Parks Board', start: '2026-04-01T07:35:00' },
      ]);
      h!.runtime.watcher.onStreamState(stream(true, h!.clock.now()));

      await tickAt(START - 5 * MIN);
      await tickAt(START + 10 * MIN);
      expect(live().map((r) => [r.status, r.labels.meeting])).to.deep.equal([
        ['ok', 'spr_council/202604010730/x/city_council_regular_meeting'],
      ]);
      expect(titles('meeting.starting')).to.deep.equal(['City Council Regular Meeting']);
    });

    it('closes the alert with ok when the meeting is cancelled during pre-roll', async () => {
      await start([COUNCIL_TODAY]);
      await tickAt(START - 5 * MIN);
      expect(live().map((r) => r.status)).to.deep.equal(['warning']);

      server.set('/primary.json', jsonDocument({ meetings: [{ ...COUNCIL_TODAY, cancelled: true }] }));
      await settle(h!.service.scrapeNow(), h!.clock);
      await tickAt(h!.clock.now() + 30_000);

      expect(live().map((r) => r.status)).to.deep.equal(['warning', 'ok']);
      expect(live()[1]!.message).to.match(/is no longer scheduled; live\/council is no longer required$/);
      expect(h!.changes().map((c) => c.change)).to.deep.equal(['new', 'cancelled']);
    });

    it('treats a meeting without an end as two hours long', async () => {
      await start([{ title: 'City Council Regular Meeting', start: '2026-04-01T07:30:00' }]);
      await tickAt(START + 119 * MIN);
      expect(live().at(-1)).to.include({ status: 'critical', value: 119 });
      await tickAt(START + 120 * MIN + 5 * MIN);
      expect(titles('meeting.ended')).to.have.length(1);
      expect(live().at(-1)).to.include({ status: 'ok' });
    });
  });
}
