/** Sensu's flap detection settings: a window of results and two thresholds (percent state change). */
export interface FlapPolicy {
  /** How many recent results are weighed (Sensu uses 21). */
  readonly window: number;
  /** Start flapping at or above this percent state change. */
  readonly highPct: number;
  /** Keep flapping while above this percent. */
  readonly lowPct: number;
}

/**
 * Percent state change over a full window, exactly as Sensu Go computes it (api/core/v2/flapping.go): the
 * first transition weighs 0.80, each later one 0.02 more, divided by the number of transitions in the
 * window. Fewer results than the window → 0. `history` is 'o' (ok) / 'x' (not ok), oldest first.
 */
export function percentStateChange(history: string, window: number): number {
  if (history.length < window) return 0;
  const recent = history.slice(-window);
  let weighted = 0;
  for (let index = 1; index < recent.length; index += 1) {
    if (recent[index] !== recent[index - 1]) weighted += 0.8 + 0.02 * (index - 1);
  }
  return (weighted / (window - 1)) * 100;
}

/** The next flapping verdict with hysteresis: start at ≥ high, stay while > low. */
export function nextFlapping(wasFlapping: boolean, history: string, policy: FlapPolicy): boolean {
  const pct = percentStateChange(history, policy.window);
  return wasFlapping ? pct > policy.lowPct : pct >= policy.highPct;
}

/** Appends a result to the history, keeping the window. */
export function recordResult(history: string, ok: boolean, policy: FlapPolicy): string {
  return `${history}${ok ? 'o' : 'x'}`.slice(-policy.window);
}
