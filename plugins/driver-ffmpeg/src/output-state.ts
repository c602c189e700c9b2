import type { OutputState } from '@encoder-manager/sdk';
import type { Failure } from './signatures.js';

/** Where an output's process is in its life, as the runner tracks it. */
export type Phase = 'idle' | 'running' | 'stopping' | 'failed';

/** Everything the normalised state is derived from. */
export interface StateFacts {
  readonly phase: Phase;
  readonly network: boolean;
  readonly everStarted: boolean;
  readonly failure?: Failure;
  /** ffmpeg printed `Output #0 … to '<url>'` (output opened; for RTMP: publish accepted). */
  readonly opened: boolean;
  /** A progress block has shown frame > 0. */
  readonly framesFlowing: boolean;
  /** ms since frames last advanced, when they ever did. */
  readonly sinceAdvanceMs?: number;
  readonly stallAfterMs: number;
  readonly pid?: number;
}

/** A normalised state and the raw value kept beside it. */
export interface DerivedState {
  readonly state: OutputState;
  readonly raw: string;
}

/**
 * The state table (README "States"): `starting` until the output is opened AND frames flow, then
 * `active`; `failed` when the process ended unasked (raw = signature token + stderr line) or when
 * frames stopped advancing for longer than `stallAfterMs` (raw `STALLED`, cleared if they resume).
 */
export function deriveState(facts: StateFacts): DerivedState {
  switch (facts.phase) {
    case 'idle':
      return { state: 'idle', raw: facts.everStarted ? 'STOPPED' : 'IDLE' };
    case 'stopping':
      return { state: 'stopping', raw: 'STOPPING' };
    case 'failed':
      return { state: 'failed', raw: describeFailure(facts.failure) };
    case 'running':
      return runningState(facts);
  }
}

function runningState(facts: StateFacts): DerivedState {
  if (!facts.opened) return { state: 'starting', raw: facts.network ? 'CONNECTING' : 'OPENING' };
  if (!facts.framesFlowing) return { state: 'starting', raw: 'OPENED' };
  if (facts.sinceAdvanceMs !== undefined && facts.sinceAdvanceMs > facts.stallAfterMs) {
    const pid = facts.pid === undefined ? '' : ` (pid ${facts.pid})`;
    return { state: 'failed', raw: `STALLED: no progress from ffmpeg${pid} for ${facts.sinceAdvanceMs} ms` };
  }
  return { state: 'active', raw: facts.network ? 'PUBLISHING' : 'RECORDING' };
}

function describeFailure(failure: Failure | undefined): string {
  return failure ? `${failure.token}: ${failure.line}` : 'FAILED';
}
