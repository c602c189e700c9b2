import { expect } from 'chai';
import { FakeClock } from '@encoder-manager/sdk/testing';
import { Job } from '../../src/scheduler/job.js';
import { MemoryLog } from '../helpers/memory-log.js';

const logger = () => new MemoryLog().logger();

describe('Job (scheduler)', () => {
  it('runs on a fixed grid without drift', async () => {
    const clock = new FakeClock(0);
    const runsAt: number[] = [];
    const job = new Job('grid', { intervalMs: 1000 }, () => void runsAt.push(clock.now()), clock, logger());
    await clock.advance(5000);
    job.stop();
    expect(runsAt).to.deep.equal([0, 1000, 2000, 3000, 4000, 5000]);
  });

  it('never overlaps runs: a tick during a slow run is skipped and counted', async () => {
    const clock = new FakeClock(0);
    let active = 0;
    let maxActive = 0;
    const job = new Job('slow', { intervalMs: 1000, timeoutMs: 10_000 }, async () => {
      active += 1;
      maxActive = Math.max(maxActive, active);
      await clock.sleep(2500);
      active -= 1;
    }, clock, logger());
    await clock.advance(6000);
    job.stop();
    expect(maxActive).to.equal(1);
    expect(job.stats()).to.include({ runs: 2, skips: 4 });
  });

  it('adds jitter within [0, jitterMs) to each run', async () => {
    const clock = new FakeClock(0);
    const runsAt: number[] = [];
    const randoms = [0.5, 0.25, 0.999];
    const job = new Job('jitter', { intervalMs: 1000, jitterMs: 100 }, () => void runsAt.push(clock.now()), clock, logger(), () => randoms.shift() ?? 0);
    await clock.advance(2200);
    job.stop();
    expect(runsAt).to.deep.equal([50, 1025, 2099]);
  });

  it('aborts a run past its timeout and counts failures without stopping the job', async () => {
    const clock = new FakeClock(0);
    let aborted = 0;
    const job = new Job('hang', { intervalMs: 1000, timeoutMs: 300 }, (signal) =>
      new Promise<void>((_, reject) => signal.addEventListener('abort', () => {
        aborted += 1;
        reject(signal.reason);
      })), clock, logger());
    await clock.advance(2500);
    job.stop();
    expect(aborted).to.equal(3);
    expect(job.stats()).to.include({ runs: 3, failures: 3, skips: 0 });
    expect(job.stats().lastError).to.contain('exceeded 300 ms');
  });

  it('stop() cancels future runs', async () => {
    const clock = new FakeClock(0);
    let runs = 0;
    const job = new Job('stop', { intervalMs: 100, runImmediately: false }, () => void (runs += 1), clock, logger());
    await clock.advance(250);
    job.stop();
    await clock.advance(1000);
    expect(runs).to.equal(2);
    expect(clock.pendingTimers()).to.equal(0);
  });
});
