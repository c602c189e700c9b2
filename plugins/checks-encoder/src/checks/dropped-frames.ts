import type { Check } from '@encoder-manager/sdk';
import type { SettingsResolver } from '../config/settings.js';
import { duration, fixed } from '../format.js';
import { gradeAbove, resultOf } from '../result.js';
import { counterIncrease, pointsOf, spanMs, timeline, within } from '../series.js';

/**
 * `dropped-frames`: Δ droppedFrames / Δ time over the window, in frames per minute. The counter is
 * cumulative since the output started, so a drop means a restart (reboot, output restarted) and is
 * counted from zero, never as a negative rate. Encoders that do not report dropped frames (AJA HELO,
 * Matrox Monarch …) get no result.
 */
export function droppedFramesCheck(settings: SettingsResolver): Check {
  return {
    name: 'dropped-frames',
    description:
      'Dropped frames per minute over a window, against warning/critical rates; counter restarts handled.',
    evaluate(input) {
      const config = settings.for(input.labels).droppedFrames;
      if (!config.enabled || input.sample.metrics.droppedFrames === undefined) return [];
      const samples = within(timeline(input), config.windowSec, input.sample.at);
      const points = pointsOf(samples, (s) => s.metrics.droppedFrames);
      const span = spanMs(points);
      if (points.length < 2 || span < config.minSpanSec * 1000) return [];
      const { increase, resets } = counterIncrease(points);
      const perMin = (increase * 60_000) / span;
      const status = gradeAbove(perMin, config.warningPerMin, config.criticalPerMin);
      const fps = input.sample.metrics.fps;
      const share = fps && fps > 0 ? ` (${fixed((perMin / 60 / fps) * 100)} % of ${fixed(fps, 2)} fps)` : '';
      const restarted = resets > 0 ? '; the counter restarted (encoder or output restart)' : '';
      const threshold = status === 'critical' ? config.criticalPerMin : config.warningPerMin;
      return [
        resultOf('dropped-frames', input, {
          status,
          value: round1(perMin),
          threshold,
          message:
            `dropping ${fixed(perMin)} frames/min${share} — ${increase} frames in the last ${duration(span)}` +
            `${restarted}; ${status === 'critical' ? 'critical' : 'warning'} at ${threshold}/min`,
        }),
      ];
    },
  };
}

function round1(value: number): number {
  return Math.round(value * 10) / 10;
}
