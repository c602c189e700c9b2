/** Defaults the schema declares; the code falls back to the same values when a field is missing. */
export const DEFAULTS = {
  intervalMin: 360,
  timeoutSec: 30,
  retries: 2,
  retryBaseMs: 2000,
  retryMaxMs: 60_000,
  maxBytes: 20 * 1024 * 1024,
  missesToCancel: 2,
  matchWindowMin: 30,
  titleSimilarity: 0.6,
  liveCheckSec: 30,
  preRollMin: 10,
  postRollMin: 0,
  defaultDurationMin: 120,
} as const;
