import type { Check, CheckResult, EncoderMetrics, EncoderOutput, EncoderSample } from '@encoder-manager/sdk';
import { Ajv } from 'ajv';
import { configSchema, createChecks, SettingsResolver, type ChecksEncoderConfig } from '../src/index.js';

const ajv = new Ajv({ useDefaults: true, strict: false, allErrors: true });
const validate = ajv.compile(configSchema);

/** Validates and defaults a raw config the way the host does; throws with ajv's errors when invalid. */
export function defaultedConfig(raw: unknown = {}): ChecksEncoderConfig {
  const copy: unknown = structuredClone(raw);
  if (!validate(copy)) throw new Error(`invalid config: ${ajv.errorsText(validate.errors)}`);
  return copy as ChecksEncoderConfig;
}

/** Whether a raw config passes the schema, with ajv's error text. */
export function schemaCheck(raw: unknown): { valid: boolean; errors: string } {
  const copy: unknown = structuredClone(raw);
  const valid = validate(copy);
  return { valid, errors: valid ? '' : ajv.errorsText(validate.errors) };
}

/** One named check built from a raw config. */
export function checkNamed(name: string, raw: unknown = {}): Check {
  const check = createChecks(new SettingsResolver(defaultedConfig(raw))).find((c) => c.name === name);
  if (!check) throw new Error(`no check ${name}`);
  return check;
}

/** The core's default `polling.historySize`. */
export const HISTORY_SIZE = 120;
export const T0 = Date.UTC(2025, 5, 3, 18, 0, 0);
export const LABELS = { encoder: 'enc-1', family: 'simulated', site: 'city-hall' };

/** A sample with the given metrics and outputs (stream active at 4500 kbit/s unless given). */
export function sample(
  at: number,
  metrics: EncoderMetrics,
  outputs?: readonly EncoderOutput[],
): EncoderSample {
  return {
    encoderId: 'enc-1',
    at,
    reachable: true,
    outputs: outputs ?? [stream('active', 4500)],
    metrics,
  };
}

export function unreachable(
  at: number,
  code = 'EM_DRIVER_TIMEOUT',
  message = 'no answer within 2000 ms',
): EncoderSample {
  return { encoderId: 'enc-1', at, reachable: false, error: { code, message }, outputs: [], metrics: {} };
}

export function stream(
  state: EncoderOutput['state'],
  bitrateKbps?: number,
  raw = state.toUpperCase(),
): EncoderOutput {
  return { id: 'stream', kind: 'stream', state, raw, ...(bitrateKbps === undefined ? {} : { bitrateKbps }) };
}

export function record(state: EncoderOutput['state'], raw = state.toUpperCase()): EncoderOutput {
  return { id: 'record', kind: 'record', state, raw };
}

/** `count` samples every `everyMs` from T0, built by `at(i, t)` where t is seconds since T0. */
export function series(
  count: number,
  everyMs: number,
  at: (i: number, sec: number) => EncoderSample | EncoderMetrics,
): EncoderSample[] {
  return Array.from({ length: count }, (_, i) => {
    const built = at(i, (i * everyMs) / 1000);
    return 'encoderId' in built ? built : sample(T0 + i * everyMs, built as EncoderMetrics);
  });
}

/**
 * Runs a check the way the core does on every sample: the sample plus the history so far (which, as
 * in the core, already contains the sample). Returns the results per sample, in order.
 */
export function run(
  check: Check,
  samples: readonly EncoderSample[],
  labels: Readonly<Record<string, string>> = LABELS,
): (readonly CheckResult[])[] {
  return samples.map((current, i) =>
    check.evaluate({
      sample: current,
      history: samples.slice(Math.max(0, i + 1 - HISTORY_SIZE), i + 1),
      labels,
    }),
  );
}

/** The results of the last sample only. */
export function last(
  check: Check,
  samples: readonly EncoderSample[],
  labels: Readonly<Record<string, string>> = LABELS,
): readonly CheckResult[] {
  return run(check, samples, labels).at(-1) ?? [];
}

/** A seeded normal-noise generator (mulberry32 + Box–Muller), so noisy series are reproducible. */
export function noise(seed: number): () => number {
  let state = seed >>> 0;
  const uniform = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return () => Math.sqrt(-2 * Math.log(1 - uniform())) * Math.cos(2 * Math.PI * uniform());
}
