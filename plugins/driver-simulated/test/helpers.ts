import { encoderDriversRef, type EncoderDriver, type EncoderSample } from '@encoder-manager/sdk';
import { createTestContext, type FakeClock, type TestContext } from '@encoder-manager/sdk/testing';
import { Ajv } from 'ajv';
import driverSimulatedPlugin, { configSchema, type DriverSimulatedConfig } from '../src/index.js';

const ajv = new Ajv({ useDefaults: true, strict: false, allErrors: true });
const validate = ajv.compile(configSchema);

/** Validates and defaults a raw config the way the host does; throws with Ajv's errors when invalid. */
export function defaultedConfig(raw: unknown = {}): DriverSimulatedConfig {
  const copy: unknown = structuredClone(raw);
  if (!validate(copy)) throw new Error(`invalid config: ${ajv.errorsText(validate.errors)}`);
  return copy as DriverSimulatedConfig;
}

/** Whether a raw config passes the schema, and Ajv's errors when it does not. */
export function check(raw: unknown): { valid: boolean; errors: string } {
  const copy: unknown = structuredClone(raw);
  const valid = validate(copy);
  return { valid, errors: valid ? '' : ajv.errorsText(validate.errors) };
}

export interface SimHarness {
  readonly t: TestContext<FakeClock>;
  readonly clock: FakeClock;
  readonly drivers: readonly EncoderDriver[];
  driver(id: string): EncoderDriver;
  /** Advances the clock by `ms`, then polls one encoder. */
  pollAfter(id: string, ms: number): Promise<EncoderSample>;
}

/** Sets the plugin up on a fresh test context with a FakeClock. Call `t.stop()` afterwards. */
export async function startSim(raw: unknown = {}): Promise<SimHarness> {
  const t = createTestContext({ name: 'driver-simulated', version: '0.1.0' });
  await driverSimulatedPlugin.setup(t.ctx, defaultedConfig(raw));
  const drivers = t.ctx.useAll(encoderDriversRef);
  const driver = (id: string): EncoderDriver => {
    const found = drivers.find((d) => d.id === id);
    if (!found) throw new Error(`no driver ${id}`);
    return found;
  };
  return {
    t,
    clock: t.clock,
    drivers,
    driver,
    pollAfter: async (id, ms) => {
      await t.clock.advance(ms);
      return driver(id).poll(new AbortController().signal);
    },
  };
}

/** A signal that never aborts. */
export function noAbort(): AbortSignal {
  return new AbortController().signal;
}

export function output(sample: EncoderSample, id: string) {
  const found = sample.outputs.find((o) => o.id === id);
  if (!found) throw new Error(`sample has no output ${id}`);
  return found;
}
