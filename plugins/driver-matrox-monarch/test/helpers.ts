import { Ajv } from 'ajv';
import type { EncoderDriver } from '@encoder-manager/sdk';
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
