import type { OutputState } from '@encoder-manager/sdk';

/**
 * Monarch output states (encoders.md §3.3): ON = active, READY = idle but enabled, DISABLED = not
 * configured; LCS also reports OFF, read as idle. Anything else (newer firmware) is `unknown`.
 */
export const MONARCH_STATES: Readonly<Record<string, OutputState>> = {
  ON: 'active',
  READY: 'idle',
  OFF: 'idle',
  DISABLED: 'disabled',
};

/** Encoder modes with no output behind them: the channel is switched off in the device's configuration. */
export const DISABLED_MODES: readonly string[] = ['NONE', 'DISABLED'];

/** The normalised state of a channel from its mode and state words. */
export function monarchState(mode: string, state: string): OutputState {
  if (DISABLED_MODES.includes(mode)) return 'disabled';
  return Object.hasOwn(MONARCH_STATES, state) ? MONARCH_STATES[state]! : 'unknown';
}

/** An encoder in RECORD mode writes a file; RTMP/RTSP/NONE are (possible) streams. */
export function kindOfMode(mode: string): 'stream' | 'record' {
  return mode === 'RECORD' ? 'record' : 'stream';
}
