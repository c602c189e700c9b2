import { expect } from 'chai';
import { createScheduler, type JobOptions } from '@encoder-manager/sdk';
import { createMemoryLogger, FakeClock } from '@encoder-manager/sdk/testing';

type Run = (signal: AbortSignal) => void | Promise<void>;

/** One job on its own scheduler, as `ctx.schedule.every` creates it. */
function job(name: string, options: JobOptions, run: Run, clock: FakeClock, random?: () => number) {
  return createScheduler(clock, createMemoryLogger([]), random).every(name, options, run);
}

describe('createScheduler().every', () => {
  it('runs on a fixed grid without drift', async () => {
    const clock = new FakeClock(0);
    const runsAt: number[] = [];
    const grid = job('grid', { intervalMs: 1000 }, () => void runsAt.push(clock.now()), clock);
    await clock.advance(5000);
    grid.stop();
    expect(runsAt).to.deep.equal([0, 1000, 2000, 3000, 4000, 5000]);
  });

  it('never overlaps runs: a tick during a slow run is skipped and counted', async () => {
    const clock = new FakeClock(0);
    let active = 0;
    let maxActive = 0;
    const slow = job(
      'slow',
      { intervalMs: 1000, timeoutMs: 10_000 },
      async () => {
        active += 1;
        maxActive = Math.max(maxActive, active);
        await clock.sleep(2500);
        active -= 1;
      },
      clock,
    );
    await clock.advance(6000);
    slow.stop();
    expect(maxActive).to.equal(1);
    expect(slow.stats()).to.include({ runs: 3, skips: 4 });
  });

  it('adds jitter within [0, jitterMs) to each run, keeping the grid', async () => {
    const clock = new FakeClock(0);
    const runsAt: number[] = [];
    const randoms = [0.5, 0.25, 0.999];
    const jittery = job(
      'jitter',
      { intervalMs: 1000, jitterMs: 100 },
      () => void runsAt.push(clock.now()),
      clock,
      () => randoms.shift() ?? 0,
    );
    await clock.advance(2200);
    jittery.stop();
    expect(runsAt).to.deep.equal([50, 1025, 2099]);
  });

  it('shifts the grid by offsetMs after the immediate first run', async () => {
    const clock = new FakeClock(0);
    const runsAt: number[] = [];
    const shifted = job(
      'offset',
      { intervalMs: 1000, offsetMs: 300 },
      () => void runsAt.push(clock.now()),
      clock,
    );
    const late = job(
      'offset-late',
      { intervalMs: 1000, offsetMs: 300, runImmediately: false },
      () => void runsAt.push(-clock.now()),
      clock,
    );
    await clock.advance(3500);
    shifted.stop();
    late.stop();
    expect(runsAt.filter((at) => at >= 0)).to.deep.equal([0, 1300, 2300, 3300]);
    expect(runsAt.filter((at) => at < 0).map((at) => -at)).to.deep.equal([1300, 2300, 3300]);
    expect(() => job('bad', { intervalMs: 1000, offsetMs: -1 }, () => {}, clock)).to.throw(RangeError);
  });

  it('rounds each run up to alignMs without moving the grid', async () => {
    const clock = new FakeClock(3);
    const runsAt: number[] = [];
    const randoms = [0.5, 0.25, 0.999];
    const aligned = job(
      'align',
      { intervalMs: 1000, jitterMs: 100, alignMs: 20 },
      () => void runsAt.push(clock.now()),
      clock,
      () => randoms.shift() ?? 0,
    );
    await clock.advance(2200);
    aligned.stop();
    // Unaligned these would be 53, 1028, 2102.
    expect(runsAt).to.deep.equal([60, 1040, 2120]);
    expect(() => job('bad', { intervalMs: 1000, alignMs: 0 }, () => {}, clock)).to.throw(RangeError);
  });

  it('hands a run a fresh signal unless the last one ended clean (not aborted, no listener left)', async () => {
    const clock = new FakeClock(0);
    const signals: AbortSignal[] = [];
    const behaviour = ['leave-listener', 'clean', 'clean', 'hang', 'clean'];
    const reused = job(
      'signals',
      { intervalMs: 1000, timeoutMs: 500 },
      (signal) => {
        signals.push(signal);
        const what = behaviour.shift();
        if (what === 'leave-listener') signal.addEventListener('abort', () => {});
        if (what === 'hang') return clock.sleep(5000, signal).catch(() => {});
      },
      clock,
    );
    await clock.advance(4000);
    reused.stop();
    const [first, second, third, fourth, fifth] = signals;
    expect(second).to.not.equal(first); // a listener was left on the first
    expect(third).to.equal(second); // the second ended clean
    expect(fourth).to.equal(third);
    expect(fourth!.aborted).to.equal(true); // the fourth hung past its timeout …
    expect(fifth).to.not.equal(fourth); // … so the fifth run gets a new one
    expect(fifth!.aborted).to.equal(false);
  });

  it('aborts a run past its timeout and counts the failure without stopping the job', async () => {
    const clock = new FakeClock(0);
    let aborted = 0;
    const hang = job(
      'hang',
      { intervalMs: 1000, timeoutMs: 300 },
      (signal) =>
        new Promise<void>((_, reject) =>
          signal.addEventListener('abort', () => {
            aborted += 1;
            reject(signal.reason);
          }),
        ),
      clock,
    );
    await clock.advance(2500);
    hang.stop();
    expect(aborted).to.equal(3);
    expect(hang.stats()).to.include({ runs: 3, failures: 3, skips: 0 });
    expect(hang.stats().lastError).to.contain('exceeded 300 ms');
  });

  it('stop() cancels future runs and aborts the one in progress', async () => {
    const clock = new FakeClock(0);
    let runs = 0;
    let abortedByStop = false;
    const stoppable = job(
      'stop',
      { intervalMs: 100, runImmediately: false },
      async (signal) => {
        runs += 1;
        signal.addEventListener('abort', () => void (abortedByStop = true));
        await clock.sleep(50);
      },
      clock,
    );
    await clock.advance(225);
    stoppable.stop();
    await clock.advance(1000);
    expect(runs).to.equal(2);
    expect(abortedByStop).to.equal(true);
  });

  it('refuses an interval that would spin', () => {
    expect(() => job('spin', { intervalMs: 0 }, () => {}, new FakeClock(0))).to.throw(
      RangeError,
      'intervalMs must be a positive finite number',
    );
  });
});

describe('createScheduler() under a stalled event loop', () => {
  it('skips (and counts) the ticks it missed instead of running them back to back', async () => {
    // A clock whose timers fire only when the test says so, however late: a blocked event loop.
    let now = 0;
    let timers: (() => void)[] = [];
    const clock = {
      now: () => now,
      setTimer: (fn: () => void) => (timers.push(fn), () => {}),
      sleep: async () => {},
    };
    const settle = () => new Promise((resolve) => setImmediate(resolve));
    const fireNextTick = async () => {
      const [tick] = timers; // each arm pushes the next tick first, then the run's timeout
      timers = [];
      tick?.();
      await settle();
    };
    const runsAt: number[] = [];
    const job = createScheduler(clock, createMemoryLogger([])).every(
      'lag',
      { intervalMs: 1000 },
      () => void runsAt.push(now),
    );
    await fireNextTick(); // t=0
    now = 5500; // the 1000 ms tick fires 4.5 s late
    await fireNextTick();
    now = 6000;
    await fireNextTick();
    job.stop();
    expect(runsAt).to.deep.equal([0, 5500, 6000]);
    expect(job.stats().skips).to.equal(3); // the 2000, 3000 and 4000 ticks
  });
});
