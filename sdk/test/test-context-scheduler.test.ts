import { expect } from 'chai';
import { createTestContext, type TestContext } from '@encoder-manager/sdk/testing';
import type { FakeClock } from '@encoder-manager/sdk/testing';

describe('test context scheduler', () => {
  let t: TestContext<FakeClock>;

  beforeEach(() => {
    t = createTestContext({ name: 'sched' });
  });

  afterEach(async () => {
    await t.stop();
  });

  it('runs straight away, then every interval', async () => {
    const at: number[] = [];
    const start = t.clock.now();
    t.ctx.schedule.every('poll', { intervalMs: 100 }, () => {
      at.push(t.clock.now() - start);
    });

    await t.clock.advance(250);

    expect(at).to.deep.equal([0, 100, 200]);
  });

  it('waits one interval first when runImmediately is false', async () => {
    const at: number[] = [];
    const start = t.clock.now();
    t.ctx.schedule.every('poll', { intervalMs: 100, runImmediately: false }, () => {
      at.push(t.clock.now() - start);
    });
    await t.clock.advance(250);
    expect(at).to.deep.equal([100, 200]);
  });

  it('never overlaps runs and counts the skipped ticks', async () => {
    let active = 0;
    let maxActive = 0;
    const job = t.ctx.schedule.every('slow', { intervalMs: 100, timeoutMs: 10_000 }, async () => {
      active += 1;
      maxActive = Math.max(maxActive, active);
      await t.clock.sleep(250);
      active -= 1;
    });

    // Runs start at 0 and 300 (ticks at 100, 200 find the first run busy); 400 and 500 are busy again.
    await t.clock.advance(550);

    expect(maxActive).to.equal(1);
    expect(job.stats()).to.include({ runs: 2, skips: 4, failures: 0 });
    expect(job.stats().lastDurationMs).to.equal(250);
  });

  it('counts failures, keeps the last error, logs it and keeps running', async () => {
    let n = 0;
    const job = t.ctx.schedule.every('flaky', { intervalMs: 100 }, () => {
      n += 1;
      if (n === 1) throw new Error('first run fails');
    });
    await t.clock.advance(150);

    expect(job.stats()).to.include({ runs: 2, failures: 1, lastError: 'first run fails' });
    const logged = t.logs.find((r) => r.level === 'error');
    expect(logged?.fields).to.include({ plugin: 'sched', job: 'flaky' });
  });

  it('aborts a run through its signal after timeoutMs', async () => {
    let reason: unknown;
    t.ctx.schedule.every('hang', { intervalMs: 1000, timeoutMs: 50 }, async (signal) => {
      await t.clock.sleep(10_000, signal).catch((error: unknown) => {
        reason = error;
      });
    });
    await t.clock.advance(60);
    expect(reason).to.be.instanceOf(Error);
    expect((reason as Error).message).to.contain('exceeded 50 ms');
  });

  it('stops a job, and stopping the context stops the rest', async () => {
    let a = 0;
    let b = 0;
    const jobA = t.ctx.schedule.every('a', { intervalMs: 100 }, () => void (a += 1));
    t.ctx.schedule.every('b', { intervalMs: 100 }, () => void (b += 1));
    await t.clock.advance(0);
    jobA.stop();
    await t.stop();
    await t.clock.advance(1000);

    expect([a, b]).to.deep.equal([1, 1]);
    expect(t.clock.pendingTimers()).to.equal(0);
  });

  it('rejects a non-positive interval instead of hanging the clock', () => {
    expect(() => t.ctx.schedule.every('bad', { intervalMs: 0 }, () => undefined)).to.throw(RangeError);
  });
});
