import type { OutputState } from '@encoder-manager/sdk';

/** `PublisherState` of the Pearl OpenAPI spec. */
export const PUBLISHER_STATES = ['starting', 'listening', 'started', 'stopped', 'error'] as const;
/** `RecorderState` of the Pearl OpenAPI spec. */
export const RECORDER_STATES = ['disabled', 'starting', 'started', 'stopped', 'error'] as const;

/**
 * Publisher state → normalised state. `listening` (SRT listener / RTSP waiting for a caller) runs but
 * delivers nothing yet, so it reads as `starting`; the spec has no `stopping` (stop is asynchronous and the
 * publisher stays `started` until it has stopped).
 */
export const PUBLISHER_STATE_MAP: Readonly<Record<(typeof PUBLISHER_STATES)[number], OutputState>> = {
  starting: 'starting',
  listening: 'starting',
  started: 'active',
  stopped: 'idle',
  error: 'failed',
};

/** Recorder state → normalised state. */
export const RECORDER_STATE_MAP: Readonly<Record<(typeof RECORDER_STATES)[number], OutputState>> = {
  disabled: 'disabled',
  starting: 'starting',
  started: 'active',
  stopped: 'idle',
  error: 'failed',
};

/** What the driver knows about one publisher besides its state. */
export interface PublisherHealth {
  readonly isConfigured: boolean;
  readonly warnings: number;
  /** SRT `statistics.current.drop_ratio`: packets dropped because they arrived too late to play. */
  readonly dropRatio?: number;
}

/**
 * A publisher's normalised state. A started publisher with warnings or SRT drops is `degraded`; a stopped
 * publisher that is not configured (no URL …) cannot start and reads as `disabled`. Unknown values are kept
 * as raw and read as `unknown`.
 */
export function publisherState(raw: string, health: PublisherHealth): OutputState {
  const mapped = lookup(PUBLISHER_STATE_MAP, raw);
  if (mapped === 'active' && (health.warnings > 0 || (health.dropRatio ?? 0) > 0)) return 'degraded';
  if (mapped === 'idle' && !health.isConfigured) return 'disabled';
  return mapped;
}

/** A recorder's normalised state; unknown values read as `unknown`. */
export function recorderState(raw: string): OutputState {
  return lookup(RECORDER_STATE_MAP, raw);
}

function lookup(map: Readonly<Record<string, OutputState>>, raw: string): OutputState {
  return Object.hasOwn(map, raw) ? (map[raw] ?? 'unknown') : 'unknown';
}
