import { expect } from 'chai';
import { FakeClock } from '@encoder-manager/sdk/testing';
import { backoffCeiling } from '../src/outbox/backoff.js';
import { fromDb, type OutboxRow } from '../src/outbox/rows.js';
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
  describe(`notifications: outbox delivery on ${backend.name}`, function () {
    this.timeout(60_000);
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

    const rows = async (channel?: string): Promise<OutboxRow[]> =>
      (
        (await db.store
          .table('outbox')
          .where(channel ? { channel } : {})
          .orderBy('created_at')) as Record<string, unknown>[]
      ).map(fromDb);
    const fire = async (fp = 'e1') => {
      await run.record(transition(alert(fp), undefined, run.clock.now()));
      await run.clock.advance(30_000);
    };
    const names = (name: string) => run.t.events.filter((e) => e.name === name);

    it('retries with full-jitter exponential backoff (base 1 s, cap 5 min) and honours retryAfterMs', async () => {
      // Without escalation, so only Tom's message is in flight.
      await run.t.stop();
      const rules = [
        {
          id: 'all-critical',
          match: { severities: ['critical' as const] },
          notify: { roles: ['technician'] },
        },
      ];
      run = await start(db.store, stationConfig({ rules }), [email, telegram], { clock: run.clock });
      email.fallback = { status: 'retry', reason: 'SMTP 421 try later' };
      await fire();
      const delays: number[] = [];
      for (let attempt = 1; attempt <= 12; attempt += 1) {
        await run.tick();
        const [row] = await rows('email');
        if (!row) throw new Error('row missing');
        expect(row.attempts).to.equal(attempt);
        const delay = row.nextAttemptAt - run.clock.now();
        expect(delay, `attempt ${attempt}`)
          .to.be.at.least(0)
          .and.below(backoffCeiling(attempt, 1000, 300_000));
        delays.push(delay);
        await run.clock.advance(delay);
      }
      expect(backoffCeiling(12, 1000, 300_000)).to.equal(300_000);
      expect(new Set(delays).size, 'delays are random, not a fixed schedule').to.be.greaterThan(6);
      expect(names('notification.failed')).to.have.length(12);
      email.then({ status: 'retry', reason: '429', retryAfterMs: 45_000 });
      await run.tick();
      const [row] = await rows('email');
      expect((row?.nextAttemptAt ?? 0) - run.clock.now()).to.be.at.least(45_000);
    });

    it('dead-letters a permanent error after one attempt, flags the endpoint and alerts on another channel', async () => {
      telegram.then({ status: 'permanent', reason: 'Forbidden: bot was blocked by the user' });
      await fire();
      await run.tick();
      const [dead] = await rows('telegram');
      expect(dead).to.include({ status: 'dead', attempts: 1 });
      expect(telegram.calls).to.have.length(1);
      const settings = await run.n.service.getSettings();
      expect(settings.flags).to.deep.equal([
        {
          recipientId: 'tom',
          channel: 'telegram',
          reason: 'Forbidden: bot was blocked by the user',
          since: run.clock.now(),
        },
      ]);
      expect(names('notification.dead')).to.have.length(1);
      await run.clock.advance(30_000);
      await run.tick();
      const warnings = email.calls.filter((c) => c.message.eventType === 'notification.dead');
      expect(warnings.map((c) => c.to.address).sort()).to.deep.equal([
        'erin@station.test',
        'tom@station.test',
      ]);
      expect(warnings[0]?.message.subject).to.equal(
        '[NOTIFICATIONS] Notifications to Tom Technician via telegram are failing',
      );
      expect(telegram.calls, 'nothing more to the blocked chat').to.have.length(1);
      // Later alerts skip the flagged endpoint until it is re-enabled.
      await fire('e2');
      await run.tick();
      expect(telegram.calls).to.have.length(1);
      const letters = await run.n.service.listDeadLetters();
      expect(letters.map((l) => l.channel)).to.deep.equal(['telegram']);
    });

    it('follows a new address from a permanent error once (Telegram group migrated to a supergroup)', async () => {
      telegram.then({
        status: 'permanent',
        reason: 'group chat was migrated to a supergroup chat',
        newAddress: '-1002003004',
      });
      await fire();
      await run.tick();
      await run.tick();
      expect(telegram.calls.map((c) => c.to.address)).to.deep.equal(['1001', '-1002003004']);
      await fire('e2');
      await run.tick();
      expect(telegram.calls.map((c) => c.to.address)).to.deep.equal(['1001', '-1002003004', '-1002003004']);
    });

    it('stops retrying after 24 h and dead-letters the message', async () => {
      email.fallback = { status: 'retry', reason: 'connection refused' };
      await fire();
      await run.tick();
      await run.clock.advance(24 * 3_600_000 - 60_000);
      await run.tick();
      expect((await rows('email'))[0]?.status).to.equal('pending');
      await run.clock.advance(120_000);
      await run.tick();
      const [row] = await rows('email');
      expect(row?.status).to.equal('dead');
      expect(row?.lastError).to.match(/^gave up after 24 h of retries: connection refused/);
      expect(
        (await run.n.service.getSettings()).flags,
        'a transient outage does not flag the endpoint',
      ).to.deep.equal([]);
    });

    it('replays a dead letter: the endpoint is used again and the message is delivered', async () => {
      telegram.then({ status: 'permanent', reason: 'Bad Request: chat not found' });
      await fire();
      await run.tick();
      const [letter] = await run.n.service.listDeadLetters({ channel: 'telegram' });
      if (!letter) throw new Error('no dead letter');
      await run.n.service.replayDeadLetter(letter.id);
      await run.tick();
      expect(telegram.calls).to.have.length(2);
      expect(telegram.delivered.has(letter.id)).to.equal(true);
      expect((await rows('telegram'))[0]?.status).to.equal('sent');
      expect((await run.n.service.getSettings()).flags).to.deep.equal([]);
      const error = await run.n.service.replayDeadLetter(letter.id).catch((e: unknown) => e);
      expect(error).to.have.property('code', 'EM_NOTIFY_NOT_FOUND');
    });

    it('says how late a message is ("Delayed by 14 min")', async () => {
      email.then({ status: 'retry', reason: 'SMTP down', retryAfterMs: 14 * 60_000 });
      await fire();
      await run.tick();
      await run.clock.advance(14 * 60_000);
      await run.tick();
      const delivered = [...email.delivered.values()].filter((c) => c.to.address === 'tom@station.test');
      expect(delivered).to.have.length(1);
      expect(delivered[0]?.message.text).to.include('Delayed by 14 min');
      expect(delivered[0]?.message.html).to.include('Delayed by 14 min');
      expect(telegram.calls[0]?.message.text).not.to.include('Delayed');
    });

    it('re-delivers exactly once after the lease when a sender dies mid-send (dedup by id at the notifier)', async () => {
      const provider = email;
      // Agent A: its own clock stands still, as a killed process does.
      const clockA = new FakeClock(run.clock.now());
      const agentA = await start(db.store, stationConfig(), [provider, telegram], {
        clock: clockA,
        workerId: 'agent-a',
      });
      await agentA.record(transition(alert('e1'), undefined, clockA.now()));
      await clockA.advance(30_000);
      await run.clock.advance(30_000);
      provider.then('accept-and-hang');
      const abandoned = agentA.n.worker.tick(new AbortController().signal);
      for (let i = 0; i < 200 && provider.calls.length === 0; i += 1)
        await new Promise((r) => setTimeout(r, 5));
      expect(provider.calls).to.have.length(1);
      await run.clock.advance(59_000); // lease (60 s) not over yet
      await run.tick();
      expect(provider.calls).to.have.length(1);
      await run.clock.advance(1_000);
      await run.tick();
      expect(provider.calls).to.have.length(2);
      expect(provider.calls[0]?.message.id).to.equal(provider.calls[1]?.message.id);
      expect(provider.delivered.size).to.equal(1);
      expect(provider.duplicates).to.equal(1);
      // A wakes up: its claim is gone, so it changes nothing.
      provider.releaseHung();
      const reports = await abandoned;
      expect(reports.find((r) => r.batch.rows[0]?.channel === 'email')?.outcome.kind).to.equal('lost');
      const [row] = await rows('email');
      expect(row).to.include({ status: 'sent', attempts: 1, claimedBy: null });
      await agentA.t.stop();
    });

    it('delivers a row claimed by a sender that died before sending exactly once, after the lease', async () => {
      await fire();
      const { claimBatches } = await import('../src/outbox/claim.js');
      const claimed = await claimBatches(db.store, {
        now: run.clock.now(),
        workerId: 'died',
        leaseMs: 60_000,
        limit: 10,
      });
      expect(claimed).to.have.length(2);
      await run.tick();
      expect(email.calls).to.have.length(0);
      await run.clock.advance(60_000);
      await run.tick();
      expect(email.calls).to.have.length(1);
      expect(email.duplicates).to.equal(0);
    });

    it('lets two workers claim concurrently without sharing a row', async () => {
      const perEncoder = stationConfig({
        rules: [{ id: 'per-encoder', notify: { roles: ['technician'] }, groupBy: ['encoder'] }],
      });
      const other = await start(db.store, perEncoder, [email, telegram], { clock: run.clock });
      for (let i = 0; i < 20; i += 1)
        await other.record(transition(alert(`e${i}`), undefined, run.clock.now()));
      await run.clock.advance(30_000);
      const { claimBatches } = await import('../src/outbox/claim.js');
      const claim = (workerId: string) =>
        claimBatches(db.store, { now: run.clock.now(), workerId, leaseMs: 60_000, limit: 25 });
      const [a, b] = await Promise.all([claim('w1'), claim('w2')]);
      const ids = [...a, ...b].flatMap((batch) => batch.rows.map((r) => r.id));
      expect(ids).to.have.length(40);
      expect(new Set(ids).size).to.equal(40);
      expect(a.length + b.length).to.equal(40);
      await other.t.stop();
    });
  });
}
