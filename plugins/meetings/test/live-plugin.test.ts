import { expect } from 'chai';
import { encoderDriversRef, type EncoderDriver } from '@encoder-manager/sdk';
import { bindService, createTestContext, FakeClock } from '@encoder-manager/sdk/testing';
import driverSimulatedPlugin from '@encoder-manager/plugin-driver-simulated';
import { LIVE_CHECK, PRE_ROLL_CHECK } from '../src/index.js';
import { startCityServer, jsonDocument, type CityServer } from './helpers/city-server.js';
import { settle, startMeetings, type Harness } from './helpers/harness.js';
import { NOW, springfieldConfig } from './helpers/springfield.js';
import { openMeetingsStore, testBackends, type MeetingsStore } from './helpers/store.js';

const signal = () => new AbortController().signal;

/** Resolves once `condition` holds, checking every 10 ms of real time for at most 5 s. */
async function waitFor(condition: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 500 && !condition(); i += 1) await new Promise((resolve) => setTimeout(resolve, 10));
  if (!condition()) throw new Error(`timed out waiting for ${what}`);
}

/** A real simulated encoder (the driver-simulated plugin) on the given clock, its stream stopped. */
async function stoppedEncoder(clock: FakeClock): Promise<{ driver: EncoderDriver; stop(): Promise<void> }> {
  const t = createTestContext({ name: 'driver-simulated', clock });
  await driverSimulatedPlugin.setup(t.ctx, { encoders: [{ id: 'studio-a' }], pollIntervalMs: 5000, seed: 1 });
  const [driver] = t.provided.get(encoderDriversRef.id) as EncoderDriver[];
  await driver!.control!({ type: 'stop', outputId: 'stream' }, signal());
  return { driver: driver!, stop: () => t.stop() };
}

for (const backend of testBackends()) {
  describe(`meetings plugin live wiring (${backend.name})`, function () {
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

    it('after ready(), the scheduled check fires critical for a late stream and ok on stream.state', async () => {
      // The meeting started at 06:50 CDT; it is 07:00 now.
      server.set(
        '/primary.json',
        jsonDocument({ meetings: [{ title: 'City Council', start: '2026-04-01T06:50:00' }] }),
      );
      const links = [{ body: 'City Council', stream: 'live/council' }];
      h = await startMeetings(db.store, springfieldConfig(server, { links }), { now: NOW });
      await settle(h.service.scrapeNow(), h.clock);
      await h.instance.ready?.();
      await h.clock.advance(0); // jobs run straight away: their first timer is due now

      await waitFor(() => h!.results(LIVE_CHECK).length > 0, 'the first live-check result');
      const [critical] = h.results(LIVE_CHECK);
      expect(critical).to.include({ status: 'critical', value: 10 });
      expect(critical!.labels).to.deep.equal({
        body: 'City Council',
        meeting: 'spr_council/202604010650/x/city_council',
        stream: 'live/council',
      });

      h.t.ctx.bus.publish('stream.state', {
        stream: 'live/council',
        publishing: true,
        source: 'ingest',
        at: h.clock.now(),
      });
      await waitFor(() => h!.results(LIVE_CHECK).some((r) => r.status === 'ok'), 'the ok result');
      expect(h.results(LIVE_CHECK).at(-1)!.message).to.match(/live\/council is publishing$/);
    });

    it('starts the linked encoder output at pre-roll and reports the confirmed result', async () => {
      server.set(
        '/primary.json',
        jsonDocument({ meetings: [{ title: 'City Council', start: '2026-04-01T07:30:00' }] }),
      );
      const links = [
        {
          body: 'City Council',
          stream: 'live/council',
          startEncoder: { encoder: 'studio-a', output: 'stream' },
        },
      ];
      const clock = new FakeClock(NOW);
      const encoder = await stoppedEncoder(clock);
      h = await startMeetings(db.store, springfieldConfig(server, { links }), {
        clock,
        services: [bindService(encoderDriversRef, encoder.driver)],
      });
      try {
        await settle(h.service.scrapeNow(), h.clock);
        expect((await encoder.driver.poll(signal())).outputs.find((o) => o.id === 'stream')!.state).to.equal(
          'idle',
        );

        await h.clock.advance(NOW + 20 * 60_000 - h.clock.now());
        await h.instance.ready?.();
        await h.clock.advance(0);
        await waitFor(() => h!.results(PRE_ROLL_CHECK).length > 0, 'the pre-roll start report');

        const [report] = h.results(PRE_ROLL_CHECK);
        expect(report).to.include({ status: 'ok', subject: 'studio-a/stream' });
        expect(report!.message).to.match(
          /^started studio-a\/stream for City Council "City Council": confirmed after \d+ ms$/,
        );
        expect((await encoder.driver.poll(signal())).outputs.find((o) => o.id === 'stream')!.state).to.equal(
          'active',
        );
        expect(h.named('meeting.starting')).to.have.length(1);
      } finally {
        await encoder.stop();
      }
    });

    it('reports a pre-roll start it cannot do (unknown encoder) as a warning', async () => {
      server.set(
        '/primary.json',
        jsonDocument({ meetings: [{ title: 'City Council', start: '2026-04-01T07:05:00' }] }),
      );
      const links = [
        { body: 'City Council', stream: 'live/council', startEncoder: { encoder: 'nope', output: 'stream' } },
      ];
      h = await startMeetings(db.store, springfieldConfig(server, { links }), { now: NOW });
      await settle(h.service.scrapeNow(), h.clock);
      await h.instance.ready?.();
      await h.clock.advance(0); // jobs run straight away: their first timer is due now
      await waitFor(() => h!.results(PRE_ROLL_CHECK).length > 0, 'the pre-roll report');
      expect(h.results(PRE_ROLL_CHECK)[0]).to.include({
        status: 'warning',
        message:
          'cannot start nope/stream for City Council "City Council": no enabled driver has that encoder id',
      });
    });
  });
}
