/**
 * AWS "full jitter": a random delay in [0, min(cap, base · 2^(attempt−1))). Spreads retries of many
 * messages so a recovering mail server or Bot API is not hit by all of them at once.
 *
 * @param attempt - Attempts made so far (1 after the first failure).
 */
export function fullJitterDelay(
  attempt: number,
  baseMs: number,
  capMs: number,
  random: () => number,
): number {
  return Math.floor(random() * backoffCeiling(attempt, baseMs, capMs));
}

/** The upper bound of {@link fullJitterDelay} for an attempt. */
export function backoffCeiling(attempt: number, baseMs: number, capMs: number): number {
  // Past 2^30 the product only grows; min() keeps it at the cap without overflow worries.
  return Math.min(capMs, baseMs * 2 ** Math.min(30, Math.max(0, attempt - 1)));
}
