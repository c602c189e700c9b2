import type { Check, CheckInput, EncoderSample } from '@encoder-manager/sdk';
import type { SettingsResolver } from '../config/settings.js';
import { duration } from '../format.js';
import { resultOf } from '../result.js';
import { timeline } from '../series.js';

/** `reachability`: the encoder answers its driver's poll; when it does not, the driver's error code and message. */
export function reachabilityCheck(settings: SettingsResolver): Check {
  return {
    name: 'reachability',
    description:
      'The encoder answers its driver; unreachable → critical with the driver error code and message.',
    evaluate(input) {
      const config = settings.for(input.labels).reachability;
      if (!config.enabled) return [];
      const { sample } = input;
      if (sample.reachable) return [resultOf('reachability', input, { status: 'ok', message: 'answering' })];
      const since = unreachableSince(input);
      const error = sample.error
        ? `${sample.error.code}: ${sample.error.message}`
        : 'no error given by the driver';
      const lasting = since < sample.at ? ` for ${duration(sample.at - since)}` : '';
      return [
        resultOf('reachability', input, {
          status: config.severity,
          message: `not answering${lasting} (${error})`,
        }),
      ];
    },
  };
}

/** When the current run of unreachable samples began (as far back as the history goes). */
function unreachableSince(input: CheckInput): number {
  const samples: readonly EncoderSample[] = timeline(input);
  let since = input.sample.at;
  for (let i = samples.length - 1; i >= 0 && !samples[i]!.reachable; i -= 1) since = samples[i]!.at;
  return since;
}
