import type {
  ControlAction,
  ControlResult,
  EncoderDriver,
  EncoderOutput,
  EncoderSample,
} from '@encoder-manager/sdk';
import { check } from './conformance.js';

/** Polls a driver with a deadline (default 5 s), as the core's poller does. */
export function pollDriver(driver: EncoderDriver, deadlineMs = 5000): Promise<EncoderSample> {
  return driver.poll(AbortSignal.timeout(deadlineMs));
}

/** Runs `control()` with a deadline (default 10 s); fails when the driver has no `control()`. */
export function controlDriver(
  driver: EncoderDriver,
  action: ControlAction,
  deadlineMs = 10_000,
): Promise<ControlResult> {
  check(typeof driver.control === 'function', `driver ${driver.id} has no control()`);
  return driver.control(action, AbortSignal.timeout(deadlineMs));
}

/** The output with this id; fails naming what the sample held when there is none. */
export function outputOf(sample: EncoderSample, outputId: string): EncoderOutput {
  const output = sample.outputs.find((candidate) => candidate.id === outputId);
  check(output !== undefined, `no output ${outputId} in ${JSON.stringify(sample)}`);
  return output;
}
