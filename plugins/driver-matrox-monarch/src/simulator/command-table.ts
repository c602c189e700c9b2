import type { MonarchVariant } from '../variants.js';

/** What one sdk.aspx command does: start/stop some channels, or `both` = every channel that can. */
export interface SimCommand {
  readonly action: 'start' | 'stop';
  readonly channels: readonly string[] | 'both';
}

const HD: Readonly<Record<string, SimCommand>> = {
  StartStreaming: { action: 'start', channels: ['stream'] },
  StopStreaming: { action: 'stop', channels: ['stream'] },
  StartRecording: { action: 'start', channels: ['record'] },
  StopRecording: { action: 'stop', channels: ['record'] },
  StartStreamingAndRecording: { action: 'start', channels: 'both' },
  StopStreamingAndRecording: { action: 'stop', channels: 'both' },
};

const BOTH: Readonly<Record<string, SimCommand>> = {
  StartBothEncoders: { action: 'start', channels: 'both' },
  StopBothEncoders: { action: 'stop', channels: 'both' },
};

/** The start/stop commands each model accepts (encoders.md §3.1); anything else answers FAILED. */
export const SIM_COMMANDS: Readonly<Record<MonarchVariant, Readonly<Record<string, SimCommand>>>> = {
  hd: HD,
  nvs30: HD,
  hdx: {
    StartEncoder1: { action: 'start', channels: ['enc1'] },
    StartEncoder2: { action: 'start', channels: ['enc2'] },
    StopEncoder1: { action: 'stop', channels: ['enc1'] },
    StopEncoder2: { action: 'stop', channels: ['enc2'] },
    ...BOTH,
  },
  lcs: BOTH,
};

/** LCS `SetDynamicOutput,<layout>` values. */
export const DYNAMIC_OUTPUTS = ['HIDE_A', 'SHOW_A', 'SHOW_B'];
