import type { Check } from '@encoder-manager/sdk';
import type { SettingsResolver } from '../config/settings.js';
import { duration, fixed } from '../format.js';
import { resultOf } from '../result.js';
import { pointsOf, timeline, within } from '../series.js';
import { shortfall } from './below-expected.js';

/**
 * `fps`: the encoder's average frame rate over the window against `expectedFps`, judged while an output
 * is active (an encoder that sends nothing has no frame-rate problem). A falling fps is how ffmpeg shows
 * network or CPU trouble (streams-and-failover.md §4.2). No `expectedFps`, or no fps metric → no result.
 */
export function fpsCheck(settings: SettingsResolver): Check {
  return {
    name: 'fps',
    description:
      'Average frames per second over a window while an output is active, in percent below expectedFps.',
    evaluate(input) {
      const config = settings.for(input.labels).fps;
      const expected = config.expectedFps;
      const { sample } = input;
      if (!config.enabled || expected === undefined || sample.metrics.fps === undefined) return [];
      if (!sample.outputs.some((o) => o.state === 'active')) return [];
      const samples = within(timeline(input), config.windowSec, sample.at);
      const points = pointsOf(samples, (s) =>
        s.outputs.some((o) => o.state === 'active') ? s.metrics.fps : undefined,
      );
      const verdict = shortfall(points, expected, config);
      if (!verdict) return [];
      const average = `${fixed(verdict.average, 2)} fps on average over the last ${duration(config.windowSec * 1000)}`;
      const message =
        verdict.status === 'ok'
          ? `${average} (expected ${expected}; warning at ${config.warningBelowPct} % below)`
          : `${average}, ${fixed(verdict.belowPct)} % below the expected ${expected} fps; ${verdict.status} at ${verdict.limitPct} % below`;
      return [
        resultOf('fps', input, {
          status: verdict.status,
          value: Math.round(verdict.average * 100) / 100,
          threshold: Math.round(expected * (1 - verdict.limitPct / 100) * 100) / 100,
          message,
        }),
      ];
    },
  };
}
