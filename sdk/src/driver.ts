import { createServiceRef } from './services.js';

/** What an encoder family can report or do. Metrics a driver does not list are absent, never zero. */
export type Capability =
  | 'stream'
  | 'record'
  | 'temperature'
  | 'cpu'
  | 'droppedFrames'
  | 'bitrate'
  | 'inputSignal'
  | 'reboot'
  | 'pushEvents';

/**
 * The normalised state of one output; the device's own value is kept in {@link EncoderOutput.raw}.
 * `reconnecting`: the device is retrying its destination; `degraded`: live but unhealthy (e.g. congested);
 * `disabled`: the output is switched off in the device's configuration.
 */
export type OutputState =
  | 'idle'
  | 'starting'
  | 'active'
  | 'stopping'
  | 'reconnecting'
  | 'degraded'
  | 'failed'
  | 'disabled'
  | 'unknown';

/** Every output state, for validation and exhaustive mapping tests. */
export const OUTPUT_STATES: readonly OutputState[] = [
  'idle',
  'starting',
  'active',
  'stopping',
  'reconnecting',
  'degraded',
  'failed',
  'disabled',
  'unknown',
];

/** Every capability, in a stable order. */
export const CAPABILITIES: readonly Capability[] = [
  'stream',
  'record',
  'temperature',
  'cpu',
  'droppedFrames',
  'bitrate',
  'inputSignal',
  'reboot',
  'pushEvents',
];

/** One stream or record output of an encoder. */
export interface EncoderOutput {
  readonly id: string;
  readonly kind: 'stream' | 'record';
  readonly state: OutputState;
  /** The device's own state value, untouched (e.g. `eRRS_Recording`, `ON`, `OBS_WEBSOCKET_OUTPUT_STARTED`). */
  readonly raw: string;
  readonly bitrateKbps?: number;
  /** Where the output goes (RTMP/SRT URL without the stream key, or a file path). */
  readonly destination?: string;
}

/** Metrics the device really exposes. A metric the device cannot report is left out. */
export interface EncoderMetrics {
  readonly cpuPct?: number;
  readonly memPct?: number;
  readonly temperatureC?: number;
  /** Cumulative dropped frames since the output started. */
  readonly droppedFrames?: number;
  readonly fps?: number;
  readonly linkErrors?: number;
  readonly inputSignal?: boolean;
  /** Storage used by recordings, percent. */
  readonly mediaPct?: number;
  readonly uptimeSec?: number;
}

/** Why a poll did not reach the device. */
export interface SampleError {
  readonly code: string;
  readonly message: string;
}

/** One normalised reading of an encoder. */
export interface EncoderSample {
  readonly encoderId: string;
  /** Epoch milliseconds when the reading was taken. */
  readonly at: number;
  readonly reachable: boolean;
  readonly error?: SampleError;
  readonly outputs: readonly EncoderOutput[];
  readonly metrics: EncoderMetrics;
}

/** A control request for an encoder. */
export type ControlAction =
  | { readonly type: 'start'; readonly outputId: string }
  | { readonly type: 'stop'; readonly outputId: string }
  | { readonly type: 'reboot' };

/** The outcome of a control request, confirmed by reading the device state back. */
export interface ControlResult {
  readonly action: ControlAction;
  /** True only when the state read back matches the request, never on a mere "accepted" reply. */
  readonly confirmed: boolean;
  readonly state?: OutputState;
  readonly elapsedMs: number;
}

/** One encoder as seen by the core. A driver plugin provides one per configured device. */
export interface EncoderDriver {
  readonly id: string;
  /** Encoder family, e.g. `aja-helo`, `ffmpeg`, `simulated`. */
  readonly family: string;
  readonly model?: string;
  /** Labels carried into check results and alerts (site, uplink, room …). */
  readonly labels: Readonly<Record<string, string>>;
  readonly capabilities: readonly Capability[];
  /** How often the core polls this encoder; the core default applies when absent. */
  readonly pollIntervalMs?: number;
  /** Reads the device. Must not throw for an unreachable device: return `reachable: false` with an error. */
  poll(signal: AbortSignal): Promise<EncoderSample>;
  /**
   * Starts/stops an output or reboots, then reads the state back until it matches or the deadline passes.
   * Throws a {@link DriverError} when the device refuses or cannot be reached; returns `confirmed: false`
   * when it accepted the command but the state did not follow in time.
   */
  control?(action: ControlAction, signal: AbortSignal): Promise<ControlResult>;
  /** Releases sockets and timers (push-based drivers hold a connection open). */
  close?(): Promise<void>;
}

/** Every encoder the enabled driver plugins provide. */
export const encoderDriversRef = createServiceRef<EncoderDriver>({
  id: 'core.encoderDrivers',
  multiple: true,
});
