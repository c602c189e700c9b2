/**
 * When to reconnect: full-jitter exponential back-off (so many clients of one restarted agent do not all
 * come back in the same instant), reset after a good connection.
 */
export class Backoff {
  #failures = 0;
  /** @type {NodeJS.Timeout | undefined} */
  #timer = undefined;

  /**
   * @param {number} minMs
   * @param {number} maxMs
   */
  constructor(minMs, maxMs) {
    this.minMs = minMs;
    this.maxMs = maxMs;
  }

  /**
   * Runs `task` after the next back-off delay, and no sooner than `atLeastMs` (a Retry-After).
   * @param {() => void} task
   * @param {number} [atLeastMs]
   */
  later(task, atLeastMs = 0) {
    const ceiling = Math.min(this.maxMs, this.minMs * 2 ** this.#failures);
    this.#failures += 1;
    this.after(Math.max(atLeastMs, Math.random() * ceiling), task);
  }

  /**
   * Runs `task` after exactly `delayMs`, replacing anything scheduled.
   * @param {number} delayMs
   * @param {() => void} task
   */
  after(delayMs, task) {
    clearTimeout(this.#timer);
    this.#timer = setTimeout(task, delayMs);
  }

  reset() {
    this.#failures = 0;
  }

  cancel() {
    clearTimeout(this.#timer);
  }
}

/** Calls `onSilence` when nothing was heard for the armed time; every frame or ping re-arms it. */
export class Watchdog {
  /** @type {NodeJS.Timeout | undefined} */
  #timer = undefined;

  /**
   * @param {number} silenceMs 0 disables it.
   * @param {() => void} onSilence
   */
  arm(silenceMs, onSilence) {
    clearTimeout(this.#timer);
    if (silenceMs > 0) this.#timer = setTimeout(onSilence, silenceMs);
  }

  cancel() {
    clearTimeout(this.#timer);
  }
}
