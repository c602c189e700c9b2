import { Ajv } from 'ajv';
import type { EncoderDriver, EncoderOutput, EncoderSample } from '@encoder-manager/sdk';
import { createMemoryLogger, type LogRecord } from '@encoder-manager/sdk/testing';
import {
  configSchema,
  createMatroxMonarchDriver,
  type DriverMatroxMonarchConfig,
  type MonarchEncoderConfig,
} from '../src/index.js';
import { wallClock } from '../src/simulator/index.js';

const ajv = new Ajv({ useDefaults: true, strict: false, allErrors: true });
ajv.addKeyword({ keyword: 'secret', schemaType: 'boolean' });
const validate = ajv.compile(configSchema);

/** Validates and defaults a config the way the host does; `errors` is ajv's text when invalid. */
export function validateConfig(raw: unknown): { config?: DriverMatroxMonarchConfig; errors: string } {
  const copy: unknown = structuredClone(raw);
  if (!validate(copy)) return { errors: ajv.errorsText(validate.errors) };
  return { config: copy as DriverMatroxMonarchConfig, errors: '' };
}

/** A driver on real time for a simulator at `url`; log lines land in `logs`. */
export function driverFor(
  url: string,
  overrides: Partial<MonarchEncoderConfig> = {},
  logs: LogRecord[] = [],
): EncoderDriver {
  const port = Number(new URL(url).port);
  return createMatroxMonarchDriver(
    { id: 'monarch-1', host: '127.0.0.1', port, controlDeadlineMs: 1500, ...overrides },
    { clock: wallClock, log: createMemoryLogger(logs) },
  );
}

/** Polls with a generous deadline. */
export function poll(driver: EncoderDriver, ms = 5000): Promise<EncoderSample> {
  return driver.poll(AbortSignal.timeout(ms));
}

/** The output with this id, or a failure naming what the sample held. */
export function outputOf(sample: EncoderSample, id: string): EncoderOutput {
  const output = sample.outputs.find((o) => o.id === id);
  if (!output) throw new Error(`no output ${id} in ${JSON.stringify(sample)}`);
  return output;
}

/** Runs control() with a deadline; fails the test when the driver has no control(). */
export function control(driver: EncoderDriver, action: Parameters<NonNullable<EncoderDriver['control']>>[0]) {
  if (!driver.control) throw new Error('driver has no control()');
  return driver.control(action, AbortSignal.timeout(10_000));
}

/** The rejection of a promise that must reject. */
export async function rejectionOf(
  promise: Promise<unknown>,
): Promise<{ code?: string; message: string; hint?: string }> {
  try {
    await promise;
  } catch (error) {
    return error as { code?: string; message: string; hint?: string };
  }
  throw new Error('expected a rejection');
}
