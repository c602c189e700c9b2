import type { Clock } from '@encoder-manager/sdk';

/** Settings for {@link createWallClock}. */
export interface WallClockOptions {
  /**
   * Whether pending timers keep the process alive. Default false: timers are unref'd, so a forgotten
   * one never holds a test run open. A standalone simulator whose only pending work is a timer (a
   * restart delay while nothing listens) needs true.
   */
  readonly keepAlive?: boolean;
}

/**
 * Real time for a simulator run outside the agent (its CLI, conformance tests, drivers tested against a
 * live simulator). Plugin logic never uses it: the agent passes `ctx.clock`, and tests that need to
 * control time pass a `FakeClock`.
 */
export function createWallClock(options: WallClockOptions = {}): Clock {
  const keepAlive = options.keepAlive ?? false;
  const clock: Clock = {
    now: () => Date.now(),
    setTimer(fn, ms) {
      const timer = setTimeout(fn, ms);
      if (!keepAlive) timer.unref();
      return () => clearTimeout(timer);
    },
    sleep(ms, signal) {
      return new Promise((resolve, reject) => {
        if (signal?.aborted) return reject(signal.reason);
        const onAbort = () => {
          cancel();
          reject(signal?.reason);
        };
        const cancel = clock.setTimer(() => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        }, ms);
        signal?.addEventListener('abort', onAbort, { once: true });
      });
    },
  };
  return clock;
}

/** The wall clock with unref'd timers ({@link createWallClock} with its defaults). */
export const wallClock: Clock = createWallClock();
