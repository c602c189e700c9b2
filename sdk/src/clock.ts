/** Cancels a timer created by {@link Clock.setTimer}. Calling it twice is harmless. */
export type CancelTimer = () => void;

/**
 * Time as the core sees it. Plugins use this instead of `Date.now()`/`setTimeout` so tests can drive time
 * with the fake clock from `@encoder-manager/sdk/testing`.
 */
export interface Clock {
  /** Milliseconds since the Unix epoch. */
  now(): number;
  /** Runs `fn` once after `ms` milliseconds. */
  setTimer(fn: () => void, ms: number): CancelTimer;
  /** Resolves after `ms` milliseconds, or rejects with the signal's reason when it aborts first. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}
