import type { Clock } from '@encoder-manager/sdk';

/** Exponential backoff with full jitter. */
export interface RetryPolicy {
  /** Retries after the first attempt. */
  readonly retries: number;
  readonly baseMs: number;
  readonly maxMs: number;
}

/**
 * The wait before retry `retry` (0-based): a random time up to min(max, base·2^retry) — "full jitter",
 * which spreads retries of many agents hitting the same city site better than a fixed schedule.
 */
export function backoffMs(retry: number, policy: RetryPolicy, random: () => number): number {
  const ceiling = Math.min(policy.maxMs, policy.baseMs * 2 ** retry);
  return Math.floor(random() * ceiling);
}

/** What {@link withRetries} needs besides the work. */
export interface RetryOptions {
  readonly policy: RetryPolicy;
  readonly clock: Clock;
  readonly signal: AbortSignal;
  readonly random: () => number;
  /** False stops retrying at once (HTTP 4xx, an abort). */
  readonly retryable: (error: unknown) => boolean;
  readonly onRetry?: (error: unknown, retry: number, delayMs: number) => void;
}

/**
 * Runs `work(attempt)` until it succeeds, fails with a non-retryable error, or the retries run out
 * (the last error is thrown). Waits on the plugin clock, so tests drive it with the FakeClock and a
 * stopping plugin aborts the wait. p-retry was the alternative, but it sleeps on the global
 * `setTimeout`, which neither the FakeClock nor `ctx.clock` controls.
 */
export async function withRetries<T>(
  work: (attempt: number) => Promise<T>,
  options: RetryOptions,
): Promise<T> {
  for (let retry = 0; ; retry += 1) {
    try {
      return await work(retry + 1);
    } catch (error) {
      if (retry >= options.policy.retries || options.signal.aborted || !options.retryable(error)) throw error;
      const delayMs = backoffMs(retry, options.policy, options.random);
      options.onRetry?.(error, retry + 1, delayMs);
      await options.clock.sleep(delayMs, options.signal);
    }
  }
}
