import type { Check } from '@encoder-manager/sdk';
import type { SettingsResolver } from '../config/settings.js';
import { duration } from '../format.js';
import { gradeAbove, resultOf } from '../result.js';
import { counterIncrease, pointsOf, timeline, within } from '../series.js';

/**
 * `link-errors`: how many link errors (reconnections) the cumulative `linkErrors` counter gained in the
 * window. A counter that went down restarted (reboot), so its new value counts as new errors. Encoders
 * that do not report link errors get no result.
 */
export function linkErrorsCheck(settings: SettingsResolver): Check {
  return {
    name: 'link-errors',
    description: 'New link errors / reconnections within a window, against warning/critical counts.',
    evaluate(input) {
      const config = settings.for(input.labels).linkErrors;
      if (!config.enabled || input.sample.metrics.linkErrors === undefined) return [];
      const samples = within(timeline(input), config.windowSec, input.sample.at);
      const points = pointsOf(samples, (s) => s.metrics.linkErrors);
      if (points.length < 2) return [];
      const { increase } = counterIncrease(points);
      const status = gradeAbove(increase, config.warningCount, config.criticalCount);
      const window = duration(config.windowSec * 1000);
      const errors =
        increase === 1 ? '1 link error (reconnection)' : `${increase} link errors (reconnections)`;
      return [
        resultOf('link-errors', input, {
          status,
          value: increase,
          threshold: status === 'critical' ? config.criticalCount : config.warningCount,
          message: `${errors} in the last ${window}; warning at ${config.warningCount}, critical at ${config.criticalCount}`,
        }),
      ];
    },
  };
}
