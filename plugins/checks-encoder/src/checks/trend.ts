import type { CheckStatus } from '@encoder-manager/sdk';
import type { TrendSettings } from '../config/sections.js';
import { fitLine, minutesUntil, slopeSigmas, type LinearFit } from '../regression.js';
import { spanMs, type Point } from '../series.js';

/** Where a gauge is heading, from least-squares lines through its recent readings. */
export interface Forecast {
  /** Of the fit that decided: the most urgent prediction, else the longest window. */
  readonly slopePerMin: number;
  /** `rising`/`falling` only when the slope is at least `minSlopeSigmas` standard errors from zero. */
  readonly direction: 'rising' | 'falling' | 'steady';
  /** Minutes until the limit, only while rising at or above `aboveC` and within the fit's horizon. */
  readonly minutesLeft?: number;
  /** `critical` / `warning` when the limit is predicted within those windows, else `ok`. */
  readonly status: CheckStatus;
}

interface WindowFit {
  readonly fit: LinearFit;
  readonly spanMin: number;
  readonly direction: Forecast['direction'];
}

/**
 * predict_linear / timeleft for one gauge, over several windows: the longest (`windowSec`), then halves
 * down to `minSpanSec`. Short windows see a sudden rise early; long windows see a slow one. Each fit may
 * only predict `maxHorizonFactor` × its own span ahead — mean-reverting swings (HVAC cycles, a busy
 * encoder) really do rise for minutes, and only the horizon cap keeps them from predicting a crossing
 * an hour away. The most urgent prediction wins. Undefined when no window has enough readings.
 */
export function forecast(
  points: readonly Point[],
  now: number,
  current: number,
  limit: number,
  trend: TrendSettings,
): Forecast | undefined {
  if (!trend.enabled) return undefined;
  const fits = windowsOf(trend).flatMap((windowSec) => fitWindow(points, now, windowSec, trend) ?? []);
  const longest = fits[0];
  if (!longest) return undefined;
  let decided: { readonly fit: WindowFit; readonly minutes: number } | undefined;
  for (const candidate of fits) {
    if (candidate.direction !== 'rising' || current < trend.aboveC) continue;
    const minutes = minutesUntil(candidate.fit, limit, now);
    if (minutes === undefined || minutes > trend.maxHorizonFactor * candidate.spanMin) continue;
    if (!decided || minutes < decided.minutes) decided = { fit: candidate, minutes };
  }
  const shown = decided?.fit ?? longest;
  return {
    slopePerMin: shown.fit.slopePerMin,
    direction: shown.direction,
    minutesLeft: decided?.minutes,
    status: gradeMinutes(decided?.minutes, trend),
  };
}

/** windowSec, windowSec/2, … while at least minSpanSec. */
function windowsOf(trend: TrendSettings): number[] {
  const windows: number[] = [];
  for (let w = trend.windowSec; w >= trend.minSpanSec; w /= 2) windows.push(w);
  return windows;
}

function fitWindow(
  points: readonly Point[],
  now: number,
  windowSec: number,
  trend: TrendSettings,
): WindowFit | undefined {
  const recent = points.filter((p) => p.at >= now - windowSec * 1000);
  const span = spanMs(recent);
  if (recent.length < trend.minSamples || span < trend.minSpanSec * 1000) return undefined;
  const fit = fitLine(recent);
  if (!fit) return undefined;
  const sigmas = slopeSigmas(fit);
  const direction =
    Math.abs(sigmas) < trend.minSlopeSigmas || fit.slopePerMin === 0
      ? 'steady'
      : fit.slopePerMin > 0
        ? 'rising'
        : 'falling';
  return { fit, spanMin: span / 60_000, direction };
}

function gradeMinutes(minutesLeft: number | undefined, trend: TrendSettings): CheckStatus {
  if (minutesLeft === undefined) return 'ok';
  if (minutesLeft <= trend.criticalWithinMin) return 'critical';
  return minutesLeft <= trend.warningWithinMin ? 'warning' : 'ok';
}
