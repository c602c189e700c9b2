import type { Check, CheckInput, CheckResult, EncoderOutput, EncoderSample } from '@encoder-manager/sdk';
import type { SettingsResolver } from '../config/settings.js';
import type { CheckSettings } from '../config/sections.js';
import { duration } from '../format.js';
import { resultOf, type Verdict } from '../result.js';
import { timeline } from '../series.js';

type Settings = CheckSettings['outputs'];

/** Why an output is expected on air: configured, or seen active earlier in the history (epoch ms). */
type Expectation = { readonly by: 'config' } | { readonly by: 'history'; readonly activeAt: number };

/**
 * `output-state`: outputs that should be on air are. Failed/reconnecting → critical when expected,
 * degraded → warning, idle → critical when configured as always-on or warning when it was active
 * earlier in the history, stuck starting/stopping → warning.
 */
export function outputStateCheck(settings: SettingsResolver): Check {
  return {
    name: 'output-state',
    description:
      'Outputs expected on air are active: failed, reconnecting, degraded, stuck or unexpectedly idle outputs.',
    evaluate(input) {
      const config = settings.for(input.labels).outputs;
      if (!config.enabled || !input.sample.reachable) return [];
      const samples = timeline(input);
      const earlier = samples.slice(0, -1);
      const results: CheckResult[] = input.sample.outputs.map((output) =>
        resultOf('output-state', input, {
          ...verdictFor(output, expectationOf(output.id, config, earlier), config, samples),
          output: output.id,
        }),
      );
      return [...results, ...missingExpected(input, config)];
    },
  };
}

function expectationOf(
  id: string,
  config: Settings,
  earlier: readonly EncoderSample[],
): Expectation | undefined {
  if (config.expectActive.includes(id)) return { by: 'config' };
  if (!config.learnFromHistory) return undefined;
  const seen = earlier.findLast((s) => s.outputs.some((o) => o.id === id && o.state === 'active'));
  return seen ? { by: 'history', activeAt: seen.at } : undefined;
}

function verdictFor(
  output: EncoderOutput,
  expected: Expectation | undefined,
  config: Settings,
  samples: readonly EncoderSample[],
): Omit<Verdict, 'output'> {
  const what = `${output.id} ${output.state} (device says ${output.raw})`;
  const why = reasonOf(expected, samples.at(-1)!.at);
  switch (output.state) {
    case 'active':
      return { status: 'ok', message: `${output.id} active` };
    case 'starting':
    case 'stopping':
      return transitionVerdict(output, what, config, samples);
    case 'failed':
    case 'reconnecting':
      return { status: expected ? 'critical' : 'warning', message: `${what} — ${why}` };
    case 'degraded':
      return { status: 'warning', message: `${what} — on air but unhealthy` };
    case 'idle':
    case 'disabled':
      if (!expected) return { status: 'ok', message: `${what}, ${why}` };
      return { status: expected.by === 'config' ? 'critical' : 'warning', message: `${what} — ${why}` };
    case 'unknown':
      return expected
        ? { status: 'unknown', message: `${what}: cannot tell whether it is on air — ${why}` }
        : { status: 'ok', message: `${what}, ${why}` };
  }
}

function reasonOf(expected: Expectation | undefined, now: number): string {
  if (!expected) return 'not expected on air';
  if (expected.by === 'config') return 'it must always be active';
  return `it was active ${duration(now - expected.activeAt)} ago`;
}

/** Starting and stopping are normal for a while; stuck in either is a warning. */
function transitionVerdict(
  output: EncoderOutput,
  what: string,
  config: Settings,
  samples: readonly EncoderSample[],
): Omit<Verdict, 'output'> {
  const lasted = samples.at(-1)!.at - stateSince(output, samples);
  if (lasted < config.startingTimeoutSec * 1000) return { status: 'ok', message: what };
  return {
    status: 'warning',
    message: `${what} for ${duration(lasted)}, longer than ${config.startingTimeoutSec} s`,
  };
}

/** When the output entered its current state, as far back as the history goes. */
function stateSince(output: EncoderOutput, samples: readonly EncoderSample[]): number {
  let since = samples.at(-1)!.at;
  for (let i = samples.length - 1; i >= 0; i -= 1) {
    const sample = samples[i]!;
    if (sample.outputs.find((o) => o.id === output.id)?.state !== output.state) break;
    since = sample.at;
  }
  return since;
}

/** Configured always-on outputs the encoder does not report at all: `unknown` (a typo or a changed device). */
function missingExpected(input: CheckInput, config: Settings): CheckResult[] {
  const reported = new Set(input.sample.outputs.map((o) => o.id));
  return config.expectActive
    .filter((id) => !reported.has(id))
    .map((id) =>
      resultOf('output-state', input, {
        status: 'unknown',
        output: id,
        message: `${id} must always be active but the encoder reports no output "${id}" (outputs: ${[...reported].join(', ') || 'none'}) — check outputs.expectActive`,
      }),
    );
}
