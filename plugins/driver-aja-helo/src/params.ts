import type { OutputState } from '@encoder-manager/sdk';

/** The HELO parameter ids the driver reads or writes (encoders.md §2.3). */
export const PARAM = {
  command: 'eParamID_ReplicatorCommand',
  recordState: 'eParamID_ReplicatorRecordState',
  streamState: 'eParamID_ReplicatorStreamState',
  mediaAvailable: 'eParamID_CurrentMediaAvailable',
  temperature: 'eParamID_Temperature',
  stream1Duration: 'eParamID_Stream1_Duration',
  stream2Duration: 'eParamID_Stream2_Duration',
  reboot: 'eParamID_Reboot',
} as const;

/** Values written to `eParamID_ReplicatorCommand`. */
export const REPLICATOR_COMMAND = {
  startRecord: 1,
  stopRecord: 2,
  startStream: 3,
  stopStream: 4,
} as const;

/** One value of a replicator state enum: the device's name for it and the normalised state. */
export interface ReplicatorStateInfo {
  readonly name: string;
  readonly state: OutputState;
}

/**
 * `eParamID_ReplicatorRecordState`. The module groups {0,1,5} as idle, {2} as recording, {3,4} as failed;
 * 0 (uninitialised) is "not ready" for failover, so it is `unknown` rather than a usable idle.
 */
export const RECORD_STATES: Readonly<Record<number, ReplicatorStateInfo>> = {
  0: { name: 'eRRSUninitialized', state: 'unknown' },
  1: { name: 'eRRSIdle', state: 'idle' },
  2: { name: 'eRRSRecording', state: 'active' },
  3: { name: 'eRRSFailingInIdle', state: 'failed' },
  4: { name: 'eRRSFailingInRecord', state: 'failed' },
  5: { name: 'eRRSShutdown', state: 'idle' },
};

/** `eParamID_ReplicatorStreamState`, grouped like {@link RECORD_STATES}. */
export const STREAM_STATES: Readonly<Record<number, ReplicatorStateInfo>> = {
  0: { name: 'eRRSUninitialized', state: 'unknown' },
  1: { name: 'eRRSIdle', state: 'idle' },
  2: { name: 'eRRSStreaming', state: 'active' },
  3: { name: 'eRRSFailingInIdle', state: 'failed' },
  4: { name: 'eRRSFailingInStream', state: 'failed' },
  5: { name: 'eRRSShutdown', state: 'idle' },
};

/** The normalised state of a replicator value; values outside the documented enum are `unknown`. */
export function replicatorState(table: Readonly<Record<number, ReplicatorStateInfo>>, value: number) {
  return table[value]?.state ?? 'unknown';
}

/** Durations read `'00:00:00:00'` until the output has run; any other digit means it is running. */
export function isZeroDuration(duration: string): boolean {
  return /^[0:.\s]*$/.test(duration);
}
