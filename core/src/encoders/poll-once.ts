import {
  errorCodeOf,
  errorMessageOf,
  raceAbort,
  type EncoderDriver,
  type EncoderSample,
} from '@encoder-manager/sdk';

/**
 * One poll under the job's deadline. A driver that throws or hangs still yields a sample
 * (`reachable: false` with the reason) so checks see the outage instead of silence.
 */
export async function pollOnce(
  driver: EncoderDriver,
  signal: AbortSignal,
  now: () => number,
): Promise<EncoderSample> {
  try {
    const sample = await raceAbort(driver.poll(signal), signal);
    // Copied only when the driver put another id in it (thousands of polls a second: no needless copy).
    return sample.encoderId === driver.id ? sample : { ...sample, encoderId: driver.id };
  } catch (error) {
    const timedOut = signal.aborted;
    return {
      encoderId: driver.id,
      at: now(),
      reachable: false,
      error: {
        code: timedOut ? 'EM_DRIVER_TIMEOUT' : (errorCodeOf(error) ?? 'EM_DRIVER_PROTOCOL'),
        message: timedOut ? `no answer within the poll deadline` : errorMessageOf(error),
      },
      outputs: [],
      metrics: {},
    };
  }
}
