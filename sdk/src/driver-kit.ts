import { Type, type SchemaOptions, type TString } from '@sinclair/typebox';
import type { Clock } from './clock.js';
import type { EncoderSample, SampleError } from './driver.js';
import { DriverError } from './driver-errors.js';

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

/** What a driver reads from its device in one poll. */
export type DeviceReading = Pick<EncoderSample, 'outputs' | 'metrics'>;

/** Settings for {@link pollSample}. */
export interface PollSampleOptions {
  /** The driver's encoder id, carried into the sample. */
  readonly encoderId: string;
  /** Stamps the sample (`ctx.clock` in a plugin). */
  readonly clock: Clock;
  /** Reads the device; throws when it cannot. */
  read(): Promise<DeviceReading>;
  /** The error the sample reports for what `read` threw, e.g. `classifyNetworkError(error, url, signal)`. */
  toDriverError(error: unknown): DriverError;
}

/**
 * One poll by the driver contract: the sample is stamped with the clock before the device is read, and a
 * failed read never throws: it becomes an unreachable sample carrying the driver error's code and message.
 */
export async function pollSample(options: PollSampleOptions): Promise<EncoderSample> {
  const at = options.clock.now();
  try {
    const reading = await options.read();
    return { encoderId: options.encoderId, at, reachable: true, ...reading };
  } catch (error) {
    const { code, message } = options.toDriverError(error);
    return unreachableSample(options.encoderId, at, { code, message });
  }
}

/** The sample of a poll that did not reach the device: no outputs, no metrics, and why. */
export function unreachableSample(encoderId: string, at: number, error: SampleError): EncoderSample {
  return { encoderId, at, reachable: false, error, outputs: [], metrics: {} };
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
