import type { Point } from './series.js';

const MS_PER_MIN = 60_000;

/** A least-squares straight line through readings, with the time axis in minutes. */
export interface LinearFit {
  /** Change per minute. */
  readonly slopePerMin: number;
  /** Standard error of the slope; 0 when every point lies on the line. */
  readonly slopeStdErr: number;
  readonly n: number;
  /** The line's value at epoch ms `at` (Prometheus' predict_linear starts from here, not the raw reading). */
  valueAt(at: number): number;
}

/**
 * Ordinary least squares, as Prometheus' `predict_linear` and Zabbix' `timeleft` (linear) fit. Times
 * are centred on their mean before squaring, so epoch milliseconds lose no precision. Undefined for
 * fewer than two points or when all points share one time.
 */
export function fitLine(points: readonly Point[]): LinearFit | undefined {
  const n = points.length;
  if (n < 2) return undefined;
  const meanT = points.reduce((sum, p) => sum + p.at, 0) / n;
  const meanY = points.reduce((sum, p) => sum + p.value, 0) / n;
  let sxx = 0;
  let sxy = 0;
  for (const p of points) {
    const dt = (p.at - meanT) / MS_PER_MIN;
    sxx += dt * dt;
    sxy += dt * (p.value - meanY);
  }
  if (sxx === 0) return undefined;
  const slopePerMin = sxy / sxx;
  const valueAt = (at: number) => meanY + slopePerMin * ((at - meanT) / MS_PER_MIN);
  let residuals = 0;
  for (const p of points) residuals += (p.value - valueAt(p.at)) ** 2;
  const slopeStdErr = n > 2 ? Math.sqrt(residuals / (n - 2) / sxx) : Number.POSITIVE_INFINITY;
  return { slopePerMin, slopeStdErr, n, valueAt };
}

/** How many standard errors the slope is from zero (a t-statistic, signed); ±Infinity for an exact line. */
export function slopeSigmas(fit: LinearFit): number {
  if (fit.slopeStdErr === 0)
    return fit.slopePerMin === 0 ? 0 : Math.sign(fit.slopePerMin) * Number.POSITIVE_INFINITY;
  return fit.slopePerMin / fit.slopeStdErr;
}

/**
 * Minutes until the fitted line reaches `limit`, measured from `at` — Zabbix' `timeleft`. 0 when the
 * line is already there; undefined when it is not rising (it never gets there).
 */
export function minutesUntil(fit: LinearFit, limit: number, at: number): number | undefined {
  if (fit.slopePerMin <= 0) return undefined;
  return Math.max(0, (limit - fit.valueAt(at)) / fit.slopePerMin);
}
