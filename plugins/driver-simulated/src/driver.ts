import {
  EmError,
  unreachableSample,
  type Capability,
  type Clock,
  type ControlAction,
  type ControlResult,
  type EncoderDriver,
  type EncoderSample,
  type Logger,
} from '@encoder-manager/sdk';
import type { FaultKind } from './config.js';
import { isOutputId, OUTPUT_IDS, type SimulatedEncoder } from './simulation.js';

/** What every simulated encoder can report or do. */
export const SIMULATED_CAPABILITIES: readonly Capability[] = Object.freeze([
  'stream',
  'record',
  'temperature',
  'cpu',
  'droppedFrames',
  'bitrate',
  'inputSignal',
  'reboot',
] as const);

/** A `slow-reply` poll answers after this many poll intervals. */
export const SLOW_REPLY_FACTOR = 2;

export interface SimulatedDriverOptions {
  readonly encoder: SimulatedEncoder;
  readonly clock: Clock;
  readonly log: Logger;
  readonly model: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly pollIntervalMs: number;
  /** Aborted when the plugin stops; cuts slow replies short. */
  readonly signal?: AbortSignal;
}

/** Adapts a {@link SimulatedEncoder} to the SDK's EncoderDriver contract. */
export function createSimulatedDriver(options: SimulatedDriverOptions): EncoderDriver {
  const { encoder, clock, log, pollIntervalMs } = options;
  let reportedFaults: readonly FaultKind[] = [];

  // Logs fault windows opening and closing, as seen by polls.
  const noteFaults = (now: number): void => {
    const active = encoder.activeFaults(now);
    for (const kind of active) {
      if (!reportedFaults.includes(kind))
        log.info({ encoderId: encoder.id, fault: kind }, 'simulated fault started');
    }
    for (const kind of reportedFaults) {
      if (!active.includes(kind)) log.info({ encoderId: encoder.id, fault: kind }, 'simulated fault ended');
    }
    reportedFaults = active;
  };

  const poll = async (signal: AbortSignal): Promise<EncoderSample> => {
    const startedAt = clock.now();
    if (encoder.hasFault('slow-reply', startedAt)) {
      const delayMs = pollIntervalMs * SLOW_REPLY_FACTOR;
      const abort = options.signal === undefined ? signal : AbortSignal.any([signal, options.signal]);
      try {
        await clock.sleep(delayMs, abort);
      } catch (error) {
        if (!abort.aborted) throw error;
        // Like a real driver whose request timed out: a sample, not an exception.
        const at = clock.now();
        return unreachableSample(encoder.id, at, {
          code: 'EM_DRIVER_TIMEOUT',
          message: `simulated encoder ${encoder.id} did not answer within ${at - startedAt} ms (injected fault "slow-reply")`,
        });
      }
    }
    const at = clock.now();
    const reading = encoder.read(at);
    noteFaults(at);
    return { encoderId: encoder.id, at, ...reading };
  };

  const control = async (action: ControlAction, signal: AbortSignal): Promise<ControlResult> => {
    signal.throwIfAborted();
    const startedAt = clock.now();
    const unreachable = encoder.unreachableError(startedAt);
    if (unreachable !== undefined) {
      throw new EmError('EM_DRIVER_UNREACHABLE', unreachable.message, {
        hint: 'Wait until the encoder answers polls again.',
        details: { encoderId: encoder.id, action },
      });
    }

    if (action.type === 'reboot') {
      encoder.reboot(startedAt);
      // Confirmed when the device is seen going down; it answers again, all outputs idle, after the reboot.
      const now = clock.now();
      const confirmed = encoder.unreachableError(now) !== undefined;
      log.info({ encoderId: encoder.id, confirmed }, 'simulated encoder rebooting');
      return { action, confirmed, elapsedMs: now - startedAt };
    }

    if (!isOutputId(action.outputId)) {
      throw new EmError(
        'EM_DRIVER_UNSUPPORTED',
        `simulated encoder ${encoder.id} has no output "${action.outputId}"`,
        {
          hint: `Use one of: ${OUTPUT_IDS.join(', ')}.`,
          details: { encoderId: encoder.id, action },
        },
      );
    }
    encoder.setOutput(action.outputId, action.type === 'start', startedAt);

    // Read the state back, as a real driver must: a link-loss fault keeps a started stream `failed`.
    const now = clock.now();
    const readBack = encoder.read(now);
    const state = readBack.outputs.find((output) => output.id === action.outputId)?.state;
    const confirmed = action.type === 'start' ? state === 'active' : state === 'idle';
    log.info({ encoderId: encoder.id, action, state, confirmed }, 'simulated control action');
    return state === undefined
      ? { action, confirmed, elapsedMs: now - startedAt }
      : { action, confirmed, state, elapsedMs: now - startedAt };
  };

  return {
    id: encoder.id,
    family: 'simulated',
    model: options.model,
    labels: Object.freeze({ ...options.labels }),
    capabilities: SIMULATED_CAPABILITIES,
    pollIntervalMs,
    poll,
    control,
  };
}
