import { expect } from 'chai';
import type { PluginStoreTx } from '@encoder-manager/sdk';
import { FakeClock } from '@encoder-manager/sdk/testing';
import {
  alert,
  openStore,
  start,
  testBackends,
  transition,
  type OpenStore,
  type Running,
} from './helpers/harness.js';
import { RecordingNotifier } from './helpers/recording-notifier.js';
import { stationConfig } from './helpers/station.js';

const ENGINE_TABLE = 'test_alert_engine_log';

for (const backend of testBackends()) {
  describe(`notifications: outbox and alert transition in one transaction on ${backend.name}`, function () {
    this.timeout(30_000);
    let db: OpenStore;
    let run: Running;
    let email: RecordingNotifier;

    before(async () => {
      db = await openStore(backend);
      // Stands in for the alert engine's own table in core.
      await db.db.knex.schema.createTable(ENGINE_TABLE, (t) => {
        t.string('fingerprint').notNullable();
        t.string('state').notNullable();
      });
    });
    after(() => db.close());
    beforeEach(async () => {
      await db.reset();
      await db.db.knex(ENGINE_TABLE).delete();
      const clock = new FakeClock();
      email = new RecordingNotifier('email', clock);
      run = await start(db.store, stationConfig(), [email, new RecordingNotifier('telegram', clock)], {
        clock,
      });
    });
    afterEach(() => run.t.stop());

    /** What core's alert engine does: its own row and every participant, in one knex transaction. */
    const engineTransaction = (work: (scoped: PluginStoreTx) => Promise<void>, fail = false) =>
      db.db.knex.transaction(async (trx) => {
        await trx(ENGINE_TABLE).insert({ fingerprint: 'e1', state: 'firing' });
        await work({ table: (name) => trx(db.store.tableName(name)) });
        if (fail) throw new Error('engine failed after the participants ran');
      });
    const counts = async () => ({
      engine: (await db.db.knex(ENGINE_TABLE).select('fingerprint')).length,
      outbox: (await db.store.table('outbox').select('id')).length,
      state: (await db.store.table('alert_state').select('rule_id')).length,
      timers: (await db.store.table('timers').select('id')).length,
    });
    const firing = transition(alert('e1', 'firing'), undefined, Date.UTC(2026, 0, 1));

    it('commits the outbox rows, throttle state and escalation timer with the transition', async () => {
      await engineTransaction((tx) => run.n.participant.record(firing, tx));
      expect(await counts()).to.deep.equal({ engine: 1, outbox: 2, state: 1, timers: 1 });
    });

    it('rolls them back when the engine fails after recording', async () => {
      const error = await engineTransaction((tx) => run.n.participant.record(firing, tx), true).catch(
        (e: unknown) => e,
      );
      expect(error).to.be.instanceOf(Error);
      expect(await counts()).to.deep.equal({ engine: 0, outbox: 0, state: 0, timers: 0 });
    });

    it('rolls the transition back when the participant throws', async () => {
      const broken = (tx: PluginStoreTx): PluginStoreTx => ({
        table: (name) => (name === 'outbox' ? tx.table('no_such_table') : tx.table(name)),
      });
      const error = await engineTransaction((tx) => run.n.participant.record(firing, broken(tx))).catch(
        (e: unknown) => e,
      );
      expect(error).to.be.instanceOf(Error);
      expect(await counts()).to.deep.equal({ engine: 0, outbox: 0, state: 0, timers: 0 });
    });

    it('works inside createPluginStore(...).transaction and rolls back on a throw there too', async () => {
      await db.store.transaction((tx) => run.n.participant.record(firing, tx));
      expect((await counts()).outbox).to.equal(2);
      await db.reset();
      await db.store
        .transaction(async (tx) => {
          await run.n.participant.record(firing, tx);
          throw new Error('rollback');
        })
        .catch(() => undefined);
      expect((await counts()).outbox).to.equal(0);
    });

    it('announces notification.queued only after the engine publishes the committed alert', async () => {
      await engineTransaction((tx) => run.n.participant.record(firing, tx));
      await run.t.flush();
      expect(run.t.events.filter((e) => e.name === 'notification.queued')).to.have.length(0);
      run.t.ctx.bus.publish('alert.firing', firing.alert);
      await run.t.flush();
      expect(run.t.events.filter((e) => e.name === 'notification.queued')).to.have.length(2);
    });
  });
}
