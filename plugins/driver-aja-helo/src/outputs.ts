import type { EncoderOutput, OutputState } from '@encoder-manager/sdk';
import { isZeroDuration, RECORD_STATES, replicatorState, STREAM_STATES } from './params.js';

/** A replicator state as read: the integer and the device's enum text. */
export interface ReplicatorReading {
  readonly value: number;
  readonly valueName: string;
}

/** The record and stream outputs every HELO has. */
export function replicatorOutputs(record: ReplicatorReading, stream: ReplicatorReading): EncoderOutput[] {
  return [
    { id: 'record', kind: 'record', state: replicatorState(RECORD_STATES, record.value), raw: rawOf(record) },
    { id: 'stream', kind: 'stream', state: replicatorState(STREAM_STATES, stream.value), raw: rawOf(stream) },
  ];
}

/**
 * HELO Plus Stream1/Stream2. The device exposes no per-stream state, only `eParamID_StreamN_Duration`;
 * a stream that has run while the replicator streams shares the replicator's state, one still at
 * `00:00:00:00` is idle. `raw` is the duration string, the device value that decided it.
 */
export function subStreamOutput(id: 'stream1' | 'stream2', stream: ReplicatorReading, duration: string) {
  const replicator = replicatorState(STREAM_STATES, stream.value);
  const running = replicator === 'active' || replicator === 'failed';
  const state: OutputState = running && isZeroDuration(duration) ? 'idle' : replicator;
  return { id, kind: 'stream', state, raw: duration } satisfies EncoderOutput;
}

// An empty value_name would lose the device value; fall back to the number.
function rawOf(reading: ReplicatorReading): string {
  return reading.valueName.trim() === '' ? String(reading.value) : reading.valueName;
}
