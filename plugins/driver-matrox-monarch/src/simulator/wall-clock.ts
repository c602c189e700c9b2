import type { Clock } from '@encoder-manager/sdk';

/**
 * Real time for a simulator run outside the agent (CLI, conformance tests). Timers are unref'd so a
 * forgotten one never keeps a test process alive. Tests that need control pass a FakeClock instead.
 */
export const wallClock: Clock = {
  now: () => Date.now(),
  setTimer(fn, ms) {
    const timer = setTimeout(fn, ms);
    timer.unref();
    return () => clearTimeout(timer);
  },
  sleep(ms, signal) {
    return new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      const cancel = wallClock.setTimer(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      }, ms);
      const onAbort = () => {
        cancel();
        reject(signal?.reason);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  },
};
