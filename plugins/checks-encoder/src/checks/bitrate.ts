import type { Check, CheckInput, CheckResult, EncoderOutput, EncoderSample } from '@encoder-manager/sdk';
import type { SettingsResolver } from '../config/settings.js';
import type { CheckSettings } from '../config/sections.js';
import { duration, fixed } from '../format.js';
import { resultOf } from '../result.js';
import { pointsOf, timeline, within } from '../series.js';
import { shortfall } from './below-expected.js';

/**
 * `bitrate`: each active output's average bitrate over the window against its expected bitrate.
 * Outputs with no expected rate configured, and encoders that do not measure bitrate (AJA HELO,
 * Matrox Monarch), get no result. An output that is not active is not judged (ok): `output-state`
 * reports whether it should be on air.
 */
export function bitrateCheck(settings: SettingsResolver): Check {
  return {
    name: 'bitrate',
    description:
      'Average bitrate of each active output over a window, in percent below its expected bitrate.',
    evaluate(input) {
      const config = settings.for(input.labels).bitrate;
      if (!config.enabled || !input.sample.reachable) return [];
      const samples = within(timeline(input), config.windowSec, input.sample.at);
      return input.sample.outputs.flatMap((output) => judge(input, output, samples, config));
    },
  };
}

function judge(
  input: CheckInput,
  output: EncoderOutput,
  samples: readonly EncoderSample[],
  config: CheckSettings['bitrate'],
): CheckResult[] {
  const expected = config.expectedKbps[output.id];
  if (expected === undefined || output.bitrateKbps === undefined) return [];
  if (output.state !== 'active')
    return [
      resultOf('bitrate', input, {
        status: 'ok',
        output: output.id,
        message: `${output.id} not on air (${output.state}); bitrate not judged`,
      }),
    ];
  const points = pointsOf(samples, (s) => {
    const o = s.outputs.find((candidate) => candidate.id === output.id);
    return o?.state === 'active' ? o.bitrateKbps : undefined;
  });
  const verdict = shortfall(points, expected, config);
  if (!verdict) return [];
  const average = `${output.id} sends ${fixed(verdict.average, 0)} kbit/s on average over the last ${duration(config.windowSec * 1000)}`;
  const message =
    verdict.status === 'ok'
      ? `${average} (expected ${expected} kbit/s; warning at ${config.warningBelowPct} % below)`
      : `${average}, ${fixed(verdict.belowPct, 0)} % below the expected ${expected} kbit/s; ${verdict.status} at ${verdict.limitPct} % below`;
  return [
    resultOf('bitrate', input, {
      status: verdict.status,
      output: output.id,
      value: Math.round(verdict.average),
      threshold: Math.round(expected * (1 - verdict.limitPct / 100)),
      message,
    }),
  ];
}
