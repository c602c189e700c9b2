import { expect } from 'chai';
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

for (const backend of testBackends()) {
  describe(`notifications: alert routing on ${backend.name}`, function () {
    this.timeout(30_000);
    let db: OpenStore;
    let email: RecordingNotifier;
    let telegram: RecordingNotifier;
    let run: Running;

    before(async () => {
      db = await openStore(backend);
    });
    after(() => db.close());
    beforeEach(async () => {
      await db.reset();
      const clock = new FakeClock();
      email = new RecordingNotifier('email', clock);
      telegram = new RecordingNotifier('telegram', clock);
      run = await start(db.store, stationConfig(), [email, telegram], { clock });
    });
    afterEach(() => run.t.stop());

    const settle = async (ms = 31_000) => {
      await run.clock.advance(ms);
      await run.tick();
    };
    const addresses = (n: RecordingNotifier) => n.calls.map((c) => c.to.address).sort();

    it('routes by severity and labels to roles and channels', async () => {
      const now = run.clock.now();
      await run.record(transition(alert('e1', 'firing'), undefined, now));
      await run.record(transition(alert('e2', 'firing', { severity: 'warning' }), undefined, now));
      await run.record(
        transition(alert('e3', 'firing', { labels: { site: 'annex', encoder: 'e3' } }), undefined, now),
      );
      await run.record(
        transition(
          alert('studio-a', 'firing', { labels: { site: 'annex', encoder: 'studio-a' } }),
          undefined,
          now,
        ),
      );
      await settle();
      // critical at hq → technician on both channels; warning → cablecaster by e-mail only;
      // critical at annex → no rule; studio-* → management (and nothing else matches it at annex).
      expect(addresses(email)).to.deep.equal(['cara@station.test', 'mia@station.test', 'tom@station.test']);
      expect(addresses(telegram)).to.deep.equal(['1001']);
      expect(email.to('tom@station.test')[0]?.message.subject).to.equal('[CRITICAL] e1 stream is down');
      expect(email.to('mia@station.test')[0]?.message.text).to.include('studio-a stream is down');
    });

    it('sends one message per state change of a flapping alert, and folds changes inside the grouping window', async () => {
      const a = (state: 'firing' | 'resolved') => alert('e1', state);
      // Slow flapping: each change is outside the 30 s window → one message per change.
      for (const [state, previous] of [
        ['firing', undefined],
        ['resolved', 'firing'],
        ['firing', 'resolved'],
        ['resolved', 'firing'],
      ] as const) {
        await run.record(transition(a(state), previous, run.clock.now()));
        await settle(60_000);
      }
      expect(email.to('tom@station.test').map((c) => c.message.subject)).to.deep.equal([
        '[CRITICAL] e1 stream is down',
        '[RESOLVED] Resolved: e1 stream is down',
        '[CRITICAL] e1 stream is down',
        '[RESOLVED] Resolved: e1 stream is down',
      ]);
      // Fast flapping inside one window: fired, resolved, fired → one message that says it flapped.
      const before = email.calls.length;
      await run.record(transition(a('firing'), 'resolved', run.clock.now()));
      await run.clock.advance(5_000);
      await run.record(transition(a('resolved'), 'firing', run.clock.now()));
      await run.clock.advance(5_000);
      await run.record(transition(a('firing'), 'resolved', run.clock.now()));
      await run.record(transition(a('firing'), 'firing', run.clock.now())); // not a change: ignored
      await settle(30_000);
      const burst = email.calls.slice(before);
      expect(burst).to.have.length(1);
      expect(burst[0]?.message.text).to.include('changed state 3 times');
    });

    it('sends nothing for an alert that fires and resolves within the grouping window', async () => {
      await run.record(transition(alert('e9', 'firing'), undefined, run.clock.now()));
      await run.clock.advance(10_000);
      await run.record(transition(alert('e9', 'resolved'), 'firing', run.clock.now()));
      await settle();
      expect(email.calls).to.have.length(0);
      expect(telegram.calls).to.have.length(0);
      const statuses = (await db.store.table('outbox').select('status')) as { status: string }[];
      expect(statuses.map((s) => s.status)).to.deep.equal([
        'suppressed',
        'suppressed',
        'suppressed',
        'suppressed',
      ]);
    });

    it('announces a suppressed alert only when its suppression lifts, and stops its escalation when it resolves', async () => {
      const silenced = alert('e7', 'firing', { suppressedBy: 'silenced', suppressedByRef: 'config:0' });
      await run.record(transition(silenced, undefined, run.clock.now()));
      await settle();
      expect(email.calls, 'silenced: nothing sent').to.have.length(0);
      // The engine records firing→firing when the silence ends.
      await run.record(transition(alert('e7', 'firing'), 'firing', run.clock.now()));
      await settle();
      expect(addresses(email)).to.deep.equal(['tom@station.test']);
      expect(email.calls[0]?.message.subject).to.equal('[CRITICAL] e7 stream is down');
      // Grouped again, then resolved while suppressed: no message, and no escalation 10 min later.
      const grouped = { suppressedBy: 'grouped' as const, suppressedByRef: 'group-fp' };
      await run.record(transition(alert('e7', 'resolved', grouped), 'firing', run.clock.now()));
      await settle(600_000);
      expect(email.calls.map((c) => c.to.address)).to.deep.equal(['tom@station.test']);
      expect(await db.store.table('timers').select('id')).to.have.length(0);
    });

    it('groups alerts of many encoders at one site into one message per recipient and channel', async () => {
      for (const id of ['e1', 'e2', 'e3', 'e4', 'e5']) {
        await run.record(transition(alert(id, 'firing'), undefined, run.clock.now()));
        await run.clock.advance(2_000);
      }
      await settle();
      expect(email.to('tom@station.test')).to.have.length(1);
      expect(telegram.to('1001')).to.have.length(1);
      expect(email.to('tom@station.test')[0]?.message.subject).to.equal('[CRITICAL] 5 alerts firing');
      expect(telegram.to('1001')[0]?.message.html).to.include('<b>stream-down</b>: e3 stream is down');
    });

    it('escalates to engineers after 10 min unacknowledged, and acknowledging stops it', async () => {
      await run.record(transition(alert('e1', 'firing'), undefined, run.clock.now()));
      await run.record(
        transition(
          alert('e2', 'firing', { labels: { site: 'hq', encoder: 'e2', rack: 'b' } }),
          undefined,
          run.clock.now(),
        ),
      );
      await settle();
      expect(addresses(email)).to.deep.equal(['tom@station.test']); // e1 and e2 grouped
      await run.n.service.acknowledge('e2', 'tom');
      await run.clock.advance(9 * 60_000);
      await run.tick();
      expect(email.to('erin@station.test')).to.have.length(0);
      await run.clock.advance(31_000); // 10 min after the firing was recorded
      await run.tick();
      const erin = email.to('erin@station.test');
      expect(erin).to.have.length(1);
      expect(erin[0]?.message.text).to.include('Escalated (step 1)');
      expect(erin[0]?.message.text).to.include('e1 stream is down');
      expect(erin[0]?.message.text).not.to.include('e2 stream is down');
      expect(telegram.to('1002')).to.have.length(1);
      expect(await db.store.table('timers').count({ n: '*' }).first()).to.deep.include({
        n: backend.name === 'postgres' ? '0' : 0,
      });
    });

    it('acknowledge of an unknown alert is an EM_NOTIFY_NOT_FOUND error', async () => {
      const error = await run.n.service.acknowledge('nope').catch((e: unknown) => e);
      expect(error).to.have.property('code', 'EM_NOTIFY_NOT_FOUND');
    });
  });
}
