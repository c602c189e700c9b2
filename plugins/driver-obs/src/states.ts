import type { OutputState } from '@encoder-manager/sdk';
import type { ObsOutputState } from './protocol.js';

/**
 * `ObsOutputState` (pushed in `StreamStateChanged`/`RecordStateChanged`) → normalised state. `PAUSED` (a
 * paused recording: the file is open but nothing is written) reads as `degraded`.
 */
export const OBS_STATE_MAP: Readonly<Record<ObsOutputState, OutputState>> = {
  OBS_WEBSOCKET_OUTPUT_UNKNOWN: 'unknown',
  OBS_WEBSOCKET_OUTPUT_STARTING: 'starting',
  OBS_WEBSOCKET_OUTPUT_STARTED: 'active',
  OBS_WEBSOCKET_OUTPUT_STOPPING: 'stopping',
  OBS_WEBSOCKET_OUTPUT_STOPPED: 'idle',
  OBS_WEBSOCKET_OUTPUT_RECONNECTING: 'reconnecting',
  OBS_WEBSOCKET_OUTPUT_RECONNECTED: 'active',
  OBS_WEBSOCKET_OUTPUT_PAUSED: 'degraded',
  OBS_WEBSOCKET_OUTPUT_RESUMED: 'active',
};

/** `outputCongestion` (0–1) at or above which a live stream reads as `degraded`. */
export const CONGESTION_DEGRADED = 0.5;

/** A normalised state with the device value it came from. */
export interface StateReading {
  readonly state: OutputState;
  readonly raw: string;
}

/** The state `GetStreamStatus` shows; raw is its booleans, since the request carries no state word. */
export function polledStreamState(status: {
  outputActive: boolean;
  outputReconnecting: boolean;
  outputCongestion?: number;
}): StateReading {
  if (!status.outputActive) return { state: 'idle', raw: 'outputActive=false' };
  if (status.outputReconnecting)
    return { state: 'reconnecting', raw: 'outputActive=true,outputReconnecting=true' };
  const congested = (status.outputCongestion ?? 0) >= CONGESTION_DEGRADED;
  return { state: congested ? 'degraded' : 'active', raw: 'outputActive=true' };
}

/** The state `GetRecordStatus` shows. */
export function polledRecordState(status: { outputActive: boolean; outputPaused?: boolean }): StateReading {
  if (!status.outputActive) return { state: 'idle', raw: 'outputActive=false' };
  if (status.outputPaused) return { state: 'degraded', raw: 'outputActive=true,outputPaused=true' };
  return { state: 'active', raw: 'outputActive=true' };
}

const RUNNING: ReadonlySet<OutputState> = new Set(['active', 'degraded', 'reconnecting', 'stopping']);

/**
 * Combines the latest pushed `outputState` with a polled status. Pushed transitions show at once
 * (`STARTING` while the poll still says inactive, `STOPPING`/`RECONNECTING` while it still says active);
 * otherwise the poll decides the state and the pushed word is kept as raw when both agree on running or not.
 * A pushed state the poll contradicts (a missed event) loses to the poll.
 */
export function mergeState(pushed: string | undefined, polled: StateReading): StateReading {
  const mapped =
    pushed !== undefined && Object.hasOwn(OBS_STATE_MAP, pushed)
      ? OBS_STATE_MAP[pushed as ObsOutputState]
      : undefined;
  if (pushed === undefined || mapped === undefined || mapped === 'unknown') return polled;
  const polledRunning = RUNNING.has(polled.state);
  if (mapped === 'starting') return polledRunning ? polled : { state: 'starting', raw: pushed };
  if (mapped === 'stopping' || mapped === 'reconnecting')
    return polledRunning ? { state: mapped, raw: pushed } : polled;
  return RUNNING.has(mapped) === polledRunning ? { state: polled.state, raw: pushed } : polled;
}
