import {
  confirmState,
  DriverError,
  type Clock,
  type ControlAction,
  type ControlResult,
} from '@encoder-manager/sdk';
import { RequestStatus } from './protocol.js';
import { OBS_OUTPUTS, type ObsOutputId, type ObsReader } from './reader.js';
import { ObsRequestFailed, throwIfFailed } from './requests.js';
import type { ObsSession } from './session.js';

/** What control needs from the driver. */
export interface ObsControlDeps {
  readonly session: ObsSession;
  readonly reader: ObsReader;
  readonly clock: Clock;
  readonly deadlineMs: number;
  readonly intervalMs: number;
}

const REQUESTS = {
  stream: { start: 'StartStream', stop: 'StopStream' },
  record: { start: 'StartRecord', stop: 'StopRecord' },
} as const;

/**
 * Start/stop the stream or the recording. OBS answers 100 before anything has happened (its own "TODO:
 * blocking wait"), 500 OutputRunning / 501 OutputNotRunning when already in the state, 207 NotReady while it
 * cannot act; only the state read back (pushed events plus Get*Status) decides `confirmed`.
 */
export async function runObsControl(
  deps: ObsControlDeps,
  action: ControlAction,
  signal: AbortSignal,
): Promise<ControlResult> {
  if (action.type === 'reboot')
    throw new DriverError('EM_DRIVER_UNSUPPORTED', 'OBS cannot be rebooted over obs-websocket');
  const output = outputOf(action.outputId);
  const started = deps.clock.now();
  await sendCommand(deps, REQUESTS[output][action.type], started + deps.deadlineMs, signal);
  const confirmation = await confirmState({
    read: (readSignal) => deps.reader.outputState(output, readSignal),
    // A started stream that is congested is still started.
    want: action.type === 'start' ? ['active', 'degraded'] : ['idle'],
    clock: deps.clock,
    deadlineMs: Math.max(0, started + deps.deadlineMs - deps.clock.now()),
    intervalMs: deps.intervalMs,
    signal,
  });
  return { action, ...confirmation, elapsedMs: deps.clock.now() - started };
}

function outputOf(outputId: string): ObsOutputId {
  if ((OBS_OUTPUTS as readonly string[]).includes(outputId)) return outputId as ObsOutputId;
  throw new DriverError('EM_DRIVER_UNSUPPORTED', `OBS has no output "${outputId}"`, {
    hint: 'OBS outputs are "stream" and "record".',
  });
}

/** Sends the command; 500/501 are accepted (read-back decides), 207 is retried until the deadline. */
async function sendCommand(deps: ObsControlDeps, requestType: string, deadline: number, signal: AbortSignal) {
  for (;;) {
    const socket = await deps.session.socket(signal);
    const response = await socket.request(requestType, signal);
    const code = response.requestStatus.code;
    if (code === RequestStatus.OutputRunning || code === RequestStatus.OutputNotRunning) return;
    try {
      return throwIfFailed(response);
    } catch (error) {
      const retry = error instanceof ObsRequestFailed && code === RequestStatus.NotReady;
      if (!retry || deps.clock.now() >= deadline) throw error;
    }
    await deps.clock.sleep(deps.intervalMs, signal);
  }
}
