import { expect } from 'chai';
import type { Database } from '../../src/store/database.js';
import { testBackends } from '../helpers/databases.js';
import { makeEngine, outboxParticipant } from './harness.js';

const settle = (h: { bus: { idle(): Promise<void> } }) => h.bus.idle();

for (const backend of testBackends()) {
  describe(`AlertEngine on ${backend.name}`, function () {
    this.timeout(30_000);
    let db: Database;

    beforeEach(async () => {
      db = await backend.open();
      await db.knex.schema.dropTableIfExists('test_outbox');
      for (const table of ['core_alert_transitions', 'core_alerts', 'core_silences']) {
        if (await db.knex.schema.hasTable(table)) await db.knex(table).delete();
      }
    });
    afterEach(async () => db.close());
    after(() => backend.cleanup());

    it('fires only after `for`, once, and writes the outbox row in the same transaction', async () => {
      const h = await makeEngine(db.knex, backend.schema, { forMs: 10_000 });
      await h.feed('enc-1', 'critical');
      expect(h.engine.open()[0]?.state).to.equal('pending');
      await h.clock.advance(5000);
      await h.feed('enc-1', 'critical');
      await h.clock.advance(5000);
      await h.feed('enc-1', 'critical');
      await h.feed('enc-1', 'critical');
      await settle(h);
      expect(h.engine.open()[0]?.state).to.equal('firing');
      expect(h.events.filter((e) => e.name === 'alert.firing')).to.have.length(1);
      expect((await h.outbox()).map((row) => row.state)).to.deep.equal(['pending', 'firing']);
      await h.stop();
    });

    it('resolves only after the hold-down, so a brief recovery does not ping-pong', async () => {
      const h = await makeEngine(db.knex, backend.schema, { holdDownMs: 30_000 });
      await h.feed('enc-1', 'critical');
      await h.clock.advance(10_000);
      await h.feed('enc-1', 'ok');
      await h.clock.advance(10_000);
      await h.feed('enc-1', 'critical');
      await h.clock.advance(10_000);
      await h.feed('enc-1', 'ok');
      await h.clock.advance(29_000);
      await h.feed('enc-1', 'ok');
      expect(h.engine.open()).to.have.length(1);
      await h.clock.advance(1000);
      await h.feed('enc-1', 'ok');
      await settle(h);
      expect(h.engine.open()).to.have.length(0);
      expect(h.events.map((e) => e.name)).to.deep.equal(['alert.firing', 'alert.resolved']);
      await h.stop();
    });

    it('detects flapping (weighted state change) and holds notifications until it settles', async () => {
      const h = await makeEngine(db.knex, backend.schema);
      for (let i = 0; i < 30; i += 1) {
        await h.feed('enc-1', i % 2 === 0 ? 'critical' : 'ok');
        await h.clock.advance(1000);
      }
      const rows = await h.outbox();
      expect(rows.some((row) => row.suppressed === 'flapping')).to.equal(true);
      // Sensu needs a full window (21 results) before it can call flapping; after that, silence.
      const unsuppressedFirings = rows.filter((row) => row.state === 'firing' && row.suppressed === null);
      expect(unsuppressedFirings.length).to.be.at.most(11);
      expect(rows.slice(-8).every((row) => row.suppressed === 'flapping')).to.equal(true);
      for (let i = 0; i < 21; i += 1) {
        await h.feed('enc-1', 'critical');
        await h.clock.advance(1000);
      }
      await h.engine.reevaluate();
      const alert = h.engine.open()[0];
      expect(alert?.flapping).to.equal(false);
      expect(alert?.suppressedBy).to.equal(undefined);
      expect((await h.outbox()).at(-1)).to.include({ state: 'firing', suppressed: null });
      await h.stop();
    });

    it('groups encoders of one site failing within group_wait into one group alert', async () => {
      const h = await makeEngine(db.knex, backend.schema, { groupBy: ['site'], groupWaitMs: 10_000 });
      await h.feed('enc-1', 'critical', { site: 'city-hall' });
      await h.clock.advance(2000);
      await h.feed('enc-2', 'critical', { site: 'city-hall' });
      await h.feed('enc-3', 'critical', { site: 'library' });
      await h.clock.advance(8000);
      await h.feed('enc-1', 'critical', { site: 'city-hall' });
      await h.clock.advance(2000);
      await h.feed('enc-2', 'critical', { site: 'city-hall' });
      await h.feed('enc-3', 'critical', { site: 'library' });
      await settle(h);
      const open = h.engine.open();
      const group = open.find((alert) => alert.name === 'group');
      expect(group?.labels).to.include({ site: 'city-hall' });
      expect(group?.members).to.have.length(2);
      const members = open.filter((alert) => alert.labels.site === 'city-hall' && alert.name !== 'group');
      expect(members.every((alert) => alert.suppressedBy === 'grouped')).to.equal(true);
      const loud = (await h.outbox()).filter((row) => row.state === 'firing' && row.suppressed === null);
      expect(loud.map((row) => row.fingerprint)).to.have.members([
        group?.fingerprint,
        open.find((a) => a.labels.site === 'library')?.fingerprint,
      ]);
      await h.stop();
    });

    it('inhibits encoder alerts while their site uplink is down, and announces them when it recovers', async () => {
      const h = await makeEngine(db.knex, backend.schema, {
        inhibitRules: [
          {
            source: [{ name: 'subject', op: '=', value: 'uplink-1' }],
            target: [{ name: 'subject', op: '=~', value: 'enc-.*' }],
            equal: ['site'],
          },
        ],
      });
      await h.feed('uplink-1', 'critical', { site: 'city-hall' });
      await h.feed('enc-1', 'critical', { site: 'city-hall' });
      expect(h.engine.open().find((a) => a.labels.subject === 'enc-1')?.suppressedBy).to.equal('inhibited');
      await h.feed('uplink-1', 'ok', { site: 'city-hall' });
      await h.engine.reevaluate();
      const encoder = h.engine.open().find((a) => a.labels.subject === 'enc-1');
      expect(encoder?.suppressedBy).to.equal(undefined);
      expect(
        (await h.outbox()).filter((r) => r.fingerprint === encoder?.fingerprint).map((r) => r.suppressed),
      ).to.deep.equal(['inhibited', null]);
      await h.stop();
    });

    it('mutes during a scheduled maintenance window in its own time zone', async () => {
      const h = await makeEngine(db.knex, backend.schema);
      // Tuesdays 18:00–22:00 in Chicago; the fake clock starts Tue 2026-11-24 12:00 UTC = 06:00 CST.
      await h.engine.putSilence({
        matchers: [{ name: 'site', op: '=', value: 'studio' }],
        comment: 'council rehearsal',
        createdBy: 'test',
        schedule: { cron: '0 18 * * 2', durationMin: 240, timeZone: 'America/Chicago' },
      });
      await h.feed('enc-1', 'critical', { site: 'studio' });
      expect(h.engine.open()[0]?.suppressedBy).to.equal(undefined);
      await h.feed('enc-1', 'ok', { site: 'studio' });
      await h.clock.advance(13 * 3600_000); // 19:00 CST
      await h.feed('enc-2', 'critical', { site: 'studio' });
      expect(h.engine.open().find((a) => a.labels.subject === 'enc-2')?.suppressedBy).to.equal('silenced');
      await h.clock.advance(4 * 3600_000); // 23:00 CST, window over
      await h.engine.reevaluate();
      expect(h.engine.open().find((a) => a.labels.subject === 'enc-2')?.suppressedBy).to.equal(undefined);
      await h.stop();
    });

    it('restores open alerts after a restart and resolves them normally', async () => {
      const first = await makeEngine(db.knex, backend.schema);
      await first.feed('enc-1', 'critical');
      await first.stop();
      const second = await makeEngine(db.knex, backend.schema);
      expect(second.engine.open().map((a) => a.labels.subject)).to.deep.equal(['enc-1']);
      await second.feed('enc-1', 'ok');
      await settle(second);
      expect(second.engine.open()).to.deep.equal([]);
      expect(second.events.map((e) => e.name)).to.deep.equal(['alert.resolved']);
      await second.stop();
    });

    it('rolls the transition back when a participant fails, and retries on the next result', async () => {
      const h = await makeEngine(db.knex, backend.schema, {}, outboxParticipant({ failOn: 'enc-9' }));
      const error = await h.feed('enc-9', 'critical').then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(String(error)).to.contain('participant refused');
      expect(await db.knex('core_alerts').count({ n: '*' }).first()).to.satisfy(
        (row: { n: number | string }) => Number(row.n) === 0,
      );
      expect(await db.knex('core_alert_transitions').count({ n: '*' }).first()).to.satisfy(
        (row: { n: number | string }) => Number(row.n) === 0,
      );
      expect(h.engine.open()).to.deep.equal([]);
      await h.stop();
    });

    it('acknowledges an alert and publishes alert.acknowledged', async () => {
      const h = await makeEngine(db.knex, backend.schema);
      await h.feed('enc-1', 'critical');
      const fp = h.engine.open()[0]?.fingerprint ?? '';
      const acked = await h.engine.acknowledge(fp, 'dana (technician)');
      await settle(h);
      expect(acked.acknowledgedBy).to.equal('dana (technician)');
      expect(h.events.map((e) => e.name)).to.include('alert.acknowledged');
      await h.stop();
    });
  });
}

describe('notification actions (buttons in notifications)', function () {
  this.timeout(30_000);
  it('acknowledges and silences an open alert, and explains an unknown one', async () => {
    const [backend] = testBackends();
    const db = await backend!.open();
    try {
      const h = await makeEngine(db.knex, backend!.schema);
      const { notificationActions } = await import('../../src/alerts/actions.js');
      const actions = notificationActions(h.engine, () => h.clock.now());
      await h.feed('enc-1', 'critical');
      const fp = h.engine.open()[0]!.fingerprint;
      const by = { channel: 'telegram', id: '42', displayName: '@dana' };
      expect(await actions.acknowledge(fp, by)).to.deep.include({ ok: true });
      expect(h.engine.get(fp)?.acknowledgedBy).to.equal('@dana (telegram)');
      expect(await actions.silence(fp, 3_600_000, by)).to.deep.include({
        ok: true,
        message: 'Silenced "temperature" for 60 min.',
      });
      expect(h.engine.get(fp)?.suppressedBy).to.equal('silenced');
      expect((await actions.silence('nope', 1000, by)).ok).to.equal(false);
      await h.stop();
    } finally {
      await db.close();
    }
  });
});
