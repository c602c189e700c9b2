/** Sensu's flap detection settings: a window of results and two thresholds (percent state change). */
export interface FlapPolicy {
  /** How many recent results are weighed (Sensu uses 21). */
  readonly window: number;
  /** Start flapping at or above this percent state change. */
  readonly highPct: number;
  /** Stop flapping below this percent. */
  readonly lowPct: number;
}

/**
 * Percent state change over the window, weighted from 0.8 (oldest) to 1.2 (newest) as Sensu Go does,
 * so recent changes count more. `history` is a string of 'o' (ok) / 'x' (not ok), oldest first.
 */
export function percentStateChange(history: string): number {
  const changes = history.length - 1;
  if (changes < 1) return 0;
  let weighted = 0;
  for (let index = 1; index < history.length; index += 1) {
    if (history[index] === history[index - 1]) continue;
    weighted += 0.8 + (0.4 * (index - 1)) / Math.max(1, changes - 1);
  }
  return (weighted / changes) * 100;
}

/** The next flapping verdict with hysteresis between the two thresholds. */
export function nextFlapping(wasFlapping: boolean, history: string, policy: FlapPolicy): boolean {
  const pct = percentStateChange(history);
  return wasFlapping ? pct >= policy.lowPct : pct >= policy.highPct;
}

/** Appends a result to the history, keeping the window. */
export function recordResult(history: string, ok: boolean, policy: FlapPolicy): string {
  return `${history}${ok ? 'o' : 'x'}`.slice(-policy.window);
}
