import {
  confirmState,
  DriverError,
  type Clock,
  type ControlAction,
  type ControlResult,
  type Logger,
  type OutputState,
} from '@encoder-manager/sdk';
import type { HeloClient } from './client.js';
import type { HeloModel } from './config.js';
import {
  PARAM,
  RECORD_STATES,
  REPLICATOR_COMMAND,
  replicatorState,
  STREAM_STATES,
  type ReplicatorStateInfo,
} from './params.js';

/** What control needs. */
export interface HeloControlOptions {
  readonly client: HeloClient;
  readonly clock: Clock;
  readonly log: Logger;
  readonly model: HeloModel;
  readonly deadlineMs: number;
}

interface Target {
  readonly start: number;
  readonly stop: number;
  readonly stateParam: string;
  readonly table: Readonly<Record<number, ReplicatorStateInfo>>;
}

const TARGETS: Readonly<Record<string, Target>> = {
  record: {
    start: REPLICATOR_COMMAND.startRecord,
    stop: REPLICATOR_COMMAND.stopRecord,
    stateParam: PARAM.recordState,
    table: RECORD_STATES,
  },
  stream: {
    start: REPLICATOR_COMMAND.startStream,
    stop: REPLICATOR_COMMAND.stopStream,
    stateParam: PARAM.streamState,
    table: STREAM_STATES,
  },
};

const POLL_EVERY_MS = 250;

/** `control()` for a HELO: ReplicatorCommand 1–4 or Reboot, then the state read back decides. */
export function createHeloControl(options: HeloControlOptions) {
  const { client, clock, log } = options;
  return async (action: ControlAction, signal: AbortSignal): Promise<ControlResult> => {
    const started = clock.now();
    if (action.type === 'reboot') return reboot(options, action, signal, started);
    const target = targetFor(action.outputId, options.model);
    await client.set(PARAM.command, action.type === 'start' ? target.start : target.stop, signal);
    const confirmation = await confirmState({
      read: async (readSignal) =>
        replicatorState(target.table, (await client.getInteger(target.stateParam, readSignal)).value),
      want: [action.type === 'start' ? 'active' : 'idle'] satisfies OutputState[],
      clock,
      deadlineMs: options.deadlineMs,
      intervalMs: POLL_EVERY_MS,
      signal,
    });
    log.debug({ action, ...confirmation }, 'HELO control read back');
    return { action, ...confirmation, elapsedMs: clock.now() - started };
  };
}

function targetFor(outputId: string, model: HeloModel): Target {
  const target = TARGETS[outputId];
  if (target) return target;
  const subStream = model === 'helo-plus' && (outputId === 'stream1' || outputId === 'stream2');
  throw new DriverError(
    'EM_DRIVER_UNSUPPORTED',
    subStream
      ? `HELO Plus has no command for ${outputId} alone: ReplicatorCommand starts and stops streaming as a whole`
      : `a HELO has no output "${outputId}"`,
    { hint: 'Control output "stream" (both streams) or "record".' },
  );
}

// `eParamID_Reboot=1&configid=0`; confirmed once the HELO is seen going down (503 or no answer).
async function reboot(
  options: HeloControlOptions,
  action: ControlAction,
  signal: AbortSignal,
  started: number,
): Promise<ControlResult> {
  const { client, clock } = options;
  await client.set(PARAM.reboot, 1, signal, { configid: '0' }).catch((error: unknown) => {
    if (!isDown(error)) throw error; // the HELO may drop the connection as it goes down
  });
  const deadline = started + options.deadlineMs;
  for (;;) {
    const down = await client.getInteger(PARAM.recordState, signal).then(
      () => false,
      (error: unknown) => {
        signal.throwIfAborted(); // our own deadline is not the device going down
        return isDown(error);
      },
    );
    if (down || clock.now() >= deadline) {
      options.log.debug({ action, confirmed: down }, 'HELO reboot read back');
      return { action, confirmed: down, elapsedMs: clock.now() - started };
    }
    await clock.sleep(Math.min(POLL_EVERY_MS, Math.max(0, deadline - clock.now())), signal);
  }
}

function isDown(error: unknown): boolean {
  return (
    error instanceof DriverError &&
    (error.code === 'EM_DRIVER_UNREACHABLE' || error.code === 'EM_DRIVER_TIMEOUT')
  );
}
