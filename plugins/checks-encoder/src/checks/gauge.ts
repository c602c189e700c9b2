import type { Check, EncoderMetrics } from '@encoder-manager/sdk';
import type { SettingsResolver } from '../config/settings.js';
import { duration, fixed } from '../format.js';
import { gradeAbove, resultOf } from '../result.js';
import { mean, pointsOf, timeline, within } from '../series.js';

/** Which percentage metric a gauge check reads. */
export interface GaugeSpec {
  readonly name: 'cpu' | 'memory';
  readonly metric: keyof Pick<EncoderMetrics, 'cpuPct' | 'memPct'>;
  /** How the message names it. */
  readonly label: string;
}

export const CPU: GaugeSpec = { name: 'cpu', metric: 'cpuPct', label: 'CPU' };
export const MEMORY: GaugeSpec = { name: 'memory', metric: 'memPct', label: 'memory' };

/**
 * `cpu` / `memory`: the percentage averaged over the window (a single busy second is not overload)
 * against warning/critical levels. Encoders that do not report the metric get no result.
 */
export function gaugeCheck(spec: GaugeSpec, settings: SettingsResolver): Check {
  return {
    name: spec.name,
    description: `${spec.label} use in percent, averaged over a window, against warning/critical levels.`,
    evaluate(input) {
      const config = settings.for(input.labels)[spec.name];
      if (!config.enabled || input.sample.metrics[spec.metric] === undefined) return [];
      const samples = within(timeline(input), config.windowSec, input.sample.at);
      const points = pointsOf(samples, (s) => s.metrics[spec.metric]);
      const average = mean(points);
      const status = gradeAbove(average, config.warningPct, config.criticalPct);
      const over = points.length > 1 ? ` on average over the last ${duration(config.windowSec * 1000)}` : '';
      return [
        resultOf(spec.name, input, {
          status,
          value: Math.round(average * 10) / 10,
          threshold: status === 'critical' ? config.criticalPct : config.warningPct,
          message: `${spec.label} ${fixed(average, 0)} %${over}; warning at ${config.warningPct} %, critical at ${config.criticalPct} %`,
        }),
      ];
    },
  };
}
