import type { CancelTimer, Clock } from '@encoder-manager/sdk';

interface PendingTimer {
  readonly id: number;
  readonly due: number;
  readonly fn: () => void;
}

/** Lets promise callbacks queued by the last timer run before the next one fires. */
function settle(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** Negative, NaN and infinite delays count as 0, as with `setTimeout`, so a bad value cannot stall a test. */
function clampDelay(ms: number): number {
  return Number.isFinite(ms) && ms > 0 ? ms : 0;
}

/**
 * A `Clock` that only moves when a test says so. Timers fire in due-time order, ties in the order
 * they were set, so a test sees the same interleaving on every run.
 *
 * @example
 * ```ts
 * const clock = new FakeClock();
 * const done = clock.sleep(1000);
 * await clock.advance(1000);
 * await done;
 * ```
 */
export class FakeClock implements Clock {
  #now: number;
  #nextId = 1;
  // A plain array scanned for the minimum: test suites hold few timers, and it keeps ordering obvious.
  #timers: PendingTimer[] = [];

  /** @param startMs - The initial time, epoch milliseconds; a fixed date so snapshots do not drift. */
  constructor(startMs: number = Date.UTC(2026, 0, 1)) {
    this.#now = startMs;
  }

  /** The fake time, epoch milliseconds. */
  now(): number {
    return this.#now;
  }

  /** Queues `fn` to run when the clock reaches now + `ms`. */
  setTimer(fn: () => void, ms: number): CancelTimer {
    const delay = clampDelay(ms);
    const id = this.#nextId++;
    this.#timers.push({ id, due: this.#now + delay, fn });
    return () => {
      this.#timers = this.#timers.filter((timer) => timer.id !== id);
    };
  }

  /** Resolves once the clock has been advanced by `ms`; rejects with the signal's reason if it aborts first. */
  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      if (signal?.aborted) {
        reject(signal.reason);
        return;
      }
      const onAbort = (): void => {
        cancel();
        reject(signal?.reason);
      };
      const cancel = this.setTimer(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      }, ms);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  /**
   * Moves time forward by `ms`, running every timer that falls due on the way, including timers that
   * those callbacks set inside the window. Pending promise callbacks run between timers, so async code
   * chained on a timer (await sleep, then set the next timer) keeps up. A throwing callback stops the
   * advance and rejects with its error, with the clock left at that timer's due time.
   */
  async advance(ms: number): Promise<void> {
    const target = this.#now + clampDelay(ms);
    await settle();
    for (let timer = this.#takeNext(target); timer; timer = this.#takeNext(target)) {
      this.#now = Math.max(this.#now, timer.due);
      timer.fn();
      await settle();
    }
    this.#now = Math.max(this.#now, target);
  }

  /**
   * Runs timers in order, jumping the clock to each one, until none are left. Resolves to the number run.
   * Throws after `limit` timers, which almost always means a timer that keeps re-arming itself.
   */
  async runAll(limit = 1000): Promise<number> {
    let ran = 0;
    await settle();
    for (let timer = this.#takeNext(Infinity); timer; timer = this.#takeNext(Infinity)) {
      if (ran >= limit) {
        // Put it back so pendingTimers() still tells the truth after the error.
        this.#timers.push(timer);
        throw new Error(
          `FakeClock.runAll: more than ${limit} timers ran; is a timer re-arming itself forever?`,
        );
      }
      this.#now = Math.max(this.#now, timer.due);
      timer.fn();
      ran += 1;
      await settle();
    }
    return ran;
  }

  /** How many timers are set and not yet run or cancelled. */
  pendingTimers(): number {
    return this.#timers.length;
  }

  /** Removes and returns the earliest timer due at or before `limit`, ties broken by insertion order. */
  #takeNext(limit: number): PendingTimer | undefined {
    let best: PendingTimer | undefined;
    for (const timer of this.#timers) {
      if (timer.due > limit) continue;
      if (!best || timer.due < best.due || (timer.due === best.due && timer.id < best.id)) best = timer;
    }
    if (best) {
      const chosen = best;
      this.#timers = this.#timers.filter((timer) => timer !== chosen);
    }
    return best;
  }
}
