import type { Check, CheckStatus } from '@encoder-manager/sdk';
import type { SettingsResolver } from '../config/settings.js';
import type { CheckSettings } from '../config/sections.js';
import { fixed, inAbout } from '../format.js';
import { gradeAbove, resultOf, worst } from '../result.js';
import { pointsOf, timeline, within } from '../series.js';
import { forecast, type Forecast } from './trend.js';

type Settings = CheckSettings['temperature'];

/**
 * `temperature`: the reading against `warningC` / `criticalC`, and the trend — a least-squares line
 * over the window predicts when `criticalC` will be reached (Prometheus predict_linear, Zabbix
 * timeleft). A limit predicted within `trend.criticalWithinMin` is critical before the limit is hit,
 * so failover can move the channel while the encoder still works. Encoders without a temperature
 * sensor in their API get no result.
 */
export function temperatureCheck(settings: SettingsResolver): Check {
  return {
    name: 'temperature',
    description:
      'Temperature against warning/critical levels, and the predicted time until the critical limit.',
    evaluate(input) {
      const config = settings.for(input.labels).temperature;
      const current = input.sample.metrics.temperatureC;
      if (!config.enabled || current === undefined || !input.sample.reachable) return [];
      const samples = within(timeline(input), config.trend.windowSec, input.sample.at);
      const points = pointsOf(samples, (s) => s.metrics.temperatureC);
      const trend = forecast(points, input.sample.at, current, config.criticalC, config.trend);
      const absolute = gradeAbove(current, config.warningC, config.criticalC);
      const status = worst(absolute, trend?.status ?? 'ok');
      return [
        resultOf('temperature', input, {
          status,
          value: current,
          threshold: status === 'warning' && trend?.status !== 'warning' ? config.warningC : config.criticalC,
          message: describe(current, absolute, trend, config),
        }),
      ];
    },
  };
}

/** "temperature 78.4 °C rising 1.1 °C/min — reaches the 85 °C limit in ~6 min" and its siblings. */
function describe(
  current: number,
  absolute: CheckStatus,
  trend: Forecast | undefined,
  config: Settings,
): string {
  const reading = `temperature ${fixed(current)} °C${movement(trend)}`;
  const limit = `${config.criticalC} °C limit`;
  if (absolute === 'critical') return `${reading} — at or above the ${limit}`;
  const aboveWarning = absolute === 'warning' ? ` (above the ${config.warningC} °C warning level)` : '';
  if (trend?.minutesLeft !== undefined && trend.status !== 'ok')
    return `${reading} — reaches the ${limit} in ${inAbout(trend.minutesLeft)}${aboveWarning}`;
  if (absolute === 'warning')
    return `${reading} — above the ${config.warningC} °C warning level (limit ${config.criticalC} °C)`;
  const eta =
    trend?.minutesLeft !== undefined ? `; at this rate the limit is ${inAbout(trend.minutesLeft)} away` : '';
  return `${reading} (warning ${config.warningC} °C, limit ${config.criticalC} °C)${eta}`;
}

function movement(trend: Forecast | undefined): string {
  if (!trend || trend.direction === 'steady') return trend ? ', steady' : '';
  return ` ${trend.direction} ${fixed(Math.abs(trend.slopePerMin))} °C/min`;
}
