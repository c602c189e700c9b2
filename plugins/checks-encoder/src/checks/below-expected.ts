import type { CheckStatus } from '@encoder-manager/sdk';
import { gradeAbove } from '../result.js';
import { mean, spanMs, type Point } from '../series.js';

/** A windowed average compared with the value it should have. */
export interface Shortfall {
  readonly status: CheckStatus;
  readonly average: number;
  /** How far below expected, in percent (0 when at or above). */
  readonly belowPct: number;
  /** The percentage that decided the status (warning's when ok). */
  readonly limitPct: number;
}

interface Limits {
  readonly windowSec: number;
  readonly warningBelowPct: number;
  readonly criticalBelowPct: number;
}

/**
 * Averages the readings and grades how far below `expected` they are. Undefined until the readings
 * cover half the window: an output that has just started ramps up, and one reading is not an average.
 */
export function shortfall(points: readonly Point[], expected: number, limits: Limits): Shortfall | undefined {
  if (points.length === 0 || spanMs(points) < (limits.windowSec * 1000) / 2) return undefined;
  const average = mean(points);
  const belowPct = Math.max(0, (1 - average / expected) * 100);
  const status = gradeAbove(belowPct, limits.warningBelowPct, limits.criticalBelowPct);
  const limitPct = status === 'critical' ? limits.criticalBelowPct : limits.warningBelowPct;
  return { status, average, belowPct, limitPct };
}
