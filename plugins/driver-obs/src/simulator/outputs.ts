import type { ObsOutputState } from '../protocol.js';

/** One simulated OBS output (the stream or the recording). */
export interface SimOutput {
  state: ObsOutputState;
  startedAt: number | undefined;
  /** Milliseconds the output sent nothing (link loss), folded in when a fault clears. */
  stalledMs: number;
  /** Dropped (skipped) frames folded in from past faults. */
  skippedFrames: number;
  outputPath: string | undefined;
}

/** A stopped output. */
export function stoppedOutput(): SimOutput {
  return {
    state: 'OBS_WEBSOCKET_OUTPUT_STOPPED',
    startedAt: undefined,
    stalledMs: 0,
    skippedFrames: 0,
    outputPath: undefined,
  };
}

/** `obs_output_active()`: true from started until stopped, also while reconnecting or stopping. */
export function isOutputActive(state: ObsOutputState): boolean {
  return (
    state === 'OBS_WEBSOCKET_OUTPUT_STARTED' ||
    state === 'OBS_WEBSOCKET_OUTPUT_RECONNECTING' ||
    state === 'OBS_WEBSOCKET_OUTPUT_RECONNECTED' ||
    state === 'OBS_WEBSOCKET_OUTPUT_RESUMED' ||
    state === 'OBS_WEBSOCKET_OUTPUT_PAUSED' ||
    state === 'OBS_WEBSOCKET_OUTPUT_STOPPING'
  );
}

/** `outputActive` in state-change events (`GetOutputStateActive`): STARTED, RESUMED, RECONNECTED only. */
export function eventOutputActive(state: ObsOutputState): boolean {
  return (
    state === 'OBS_WEBSOCKET_OUTPUT_STARTED' ||
    state === 'OBS_WEBSOCKET_OUTPUT_RESUMED' ||
    state === 'OBS_WEBSOCKET_OUTPUT_RECONNECTED'
  );
}

/** The frontend's "streaming/recording active" flag that decides 500/501: anything but stopped. */
export function isRunning(state: ObsOutputState): boolean {
  return state !== 'OBS_WEBSOCKET_OUTPUT_STOPPED';
}

/** `HH:MM:SS.mmm`, as `outputTimecode`. */
export function timecode(ms: number): string {
  const pad = (value: number, width = 2) => String(Math.floor(value)).padStart(width, '0');
  return `${pad(ms / 3_600_000)}:${pad((ms / 60_000) % 60)}:${pad((ms / 1000) % 60)}.${pad(ms % 1000, 3)}`;
}
