import { Type, type SchemaOptions, type TString } from '@sinclair/typebox';
import { encoderDriversRef, type EncoderDriver, type EncoderSample, type SampleError } from './driver.js';
import { DriverError } from './driver-errors.js';
import { EmError } from './errors.js';
import type { PluginContext, PluginInstance } from './plugin.js';

/** The encoder id pattern every driver config uses: lower-case letters, digits and dashes, not starting with a dash. */
export const ENCODER_ID_PATTERN = '^[a-z0-9][a-z0-9-]*$';

/**
 * The schema of an encoder's `id` in a driver config: {@link ENCODER_ID_PATTERN}, at most 64 characters.
 * Pass `description` and `examples` to word it for the device family.
 */
export function EncoderIdSchema(options: SchemaOptions = {}): TString {
  return Type.String({
    pattern: ENCODER_ID_PATTERN,
    maxLength: 64,
    description: 'Encoder id: lower-case letters, digits and dashes.',
    ...options,
  });
}

/**
 * The sample of a poll that did not reach the device: no outputs, no metrics, and why. Only the error's
 * code and message are kept, so a {@link DriverError} can be passed as it is.
 */
export function unreachableSample(encoderId: string, at: number, error: SampleError): EncoderSample {
  return {
    encoderId,
    at,
    reachable: false,
    error: { code: error.code, message: error.message },
    outputs: [],
    metrics: {},
  };
}

/**
 * Keeps a {@link DriverError} as it is; anything else thrown while reading a reply is a reply the driver
 * did not understand, so it becomes `EM_DRIVER_PROTOCOL` naming `target` (e.g. `HELO at http://…`).
 */
export function asDriverError(error: unknown, target: string): DriverError {
  if (error instanceof DriverError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new DriverError('EM_DRIVER_PROTOCOL', `${target}: ${message}`, { cause: error });
}

/**
 * Refuses a driver config that lists two encoders with one id (`EM_CONFIG_INVALID` naming the plugin and
 * the id): ids key samples, alerts and failover, so they must be unique across the plugin's encoders.
 */
export function assertUniqueEncoderIds(plugin: string, encoders: readonly { readonly id: string }[]): void {
  const seen = new Set<string>();
  for (const { id } of encoders) {
    if (seen.has(id)) {
      throw new EmError('EM_CONFIG_INVALID', `${plugin}: duplicate encoder id "${id}"`, {
        hint: `Give every entry under plugins.${plugin}.config.encoders its own id.`,
      });
    }
    seen.add(id);
  }
}

/** Provides each driver to the core, and returns the plugin instance that closes them all on stop. */
export function provideEncoderDrivers(
  ctx: Pick<PluginContext, 'provide'>,
  drivers: readonly EncoderDriver[],
): PluginInstance {
  for (const driver of drivers) ctx.provide(encoderDriversRef, driver);
  return {
    async stop() {
      await Promise.all(drivers.map((driver) => driver.close?.()));
    },
  };
}
