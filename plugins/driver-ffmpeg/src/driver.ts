import {
  DriverError,
  type Capability,
  type Clock,
  type ControlAction,
  type ControlResult,
  type EncoderDriver,
  type EncoderMetrics,
  type EncoderOutput,
  type EncoderSample,
  type Logger,
} from '@encoder-manager/sdk';
import { DEFAULTS, type FfmpegEncoderConfig } from './config.js';
import { FfmpegEncoder } from './encoder.js';
import type { OutputSnapshot } from './output-runner.js';
import { rebootEncoder } from './reboot.js';

/** What every ffmpeg encoder reports or does. */
export const FFMPEG_CAPABILITIES: readonly Capability[] = Object.freeze([
  'stream',
  'record',
  'droppedFrames',
  'bitrate',
  'reboot',
] as const);

/** Options for {@link createFfmpegDriver}. */
export interface FfmpegDriverOptions {
  readonly clock: Clock;
  readonly log: Logger;
  /** An encoder to drive instead of creating one; the driver then does not stop it on close. */
  readonly encoder?: FfmpegEncoder;
}

/** An EncoderDriver over an {@link FfmpegEncoder}, which it exposes for diagnosis. */
export interface FfmpegDriver extends EncoderDriver {
  readonly encoder: FfmpegEncoder;
  control(action: ControlAction, signal: AbortSignal): Promise<ControlResult>;
  close(): Promise<void>;
}

/** Creates the driver for one configured software encoder. */
export function createFfmpegDriver(config: FfmpegEncoderConfig, options: FfmpegDriverOptions): FfmpegDriver {
  const { clock } = options;
  const encoder = options.encoder ?? new FfmpegEncoder(config, options);
  const log = options.log.child({ encoder: config.id });
  return {
    id: config.id,
    family: 'ffmpeg',
    model: 'ffmpeg (libx264/aac)',
    labels: { ...config.labels },
    capabilities: FFMPEG_CAPABILITIES,
    pollIntervalMs: config.pollIntervalMs ?? DEFAULTS.pollIntervalMs,
    encoder,
    async poll() {
      const sample = await readSample(encoder, clock.now());
      log.debug({ reachable: sample.reachable, outputs: sample.outputs.map((o) => o.raw) }, 'polled');
      return sample;
    },
    async control(action, signal) {
      const started = clock.now();
      if (action.type === 'reboot') return rebootEncoder(encoder, action, signal, started, clock);
      if (action.type === 'stop') return { action, ...(await encoder.stop(action.outputId)) };
      await requireBinary(encoder);
      const result = await encoder.start(action.outputId, signal);
      const failure = encoder.output(action.outputId).failure;
      if (result.state === 'failed' && failure)
        throw new DriverError(failure.code, `output ${action.outputId} failed to start: ${failure.token}`, {
          raw: `${failure.token}: ${failure.line}`,
        });
      return { action, ...result };
    },
    async close() {
      if (!options.encoder) await encoder.close();
    },
  };
}

/**
 * A sample from the encoder's in-memory state (no I/O but a PATH lookup). Unreachable when ffmpeg cannot
 * run and nothing is running, or when ffmpeg's progress output could not be parsed.
 */
async function readSample(encoder: FfmpegEncoder, at: number): Promise<EncoderSample> {
  const outputs = encoder.outputs();
  const garbled = outputs.find((output) => output.protocolError);
  if (garbled?.protocolError) {
    const { reason, raw } = garbled.protocolError;
    return unreachable(
      encoder.id,
      at,
      'EM_DRIVER_PROTOCOL',
      `output ${garbled.id}: unreadable -progress output (${reason}): ${JSON.stringify(raw.slice(0, 120))}`,
    );
  }
  const running = outputs.some((output) => output.pid !== undefined);
  if (!running && !(await encoder.binaryAvailable()))
    return unreachable(
      encoder.id,
      at,
      'EM_DRIVER_UNREACHABLE',
      `ffmpeg binary "${encoder.binary}" not found or not executable; install ffmpeg or set ffmpegPath`,
    );
  return {
    encoderId: encoder.id,
    at,
    reachable: true,
    outputs: outputs.map(toEncoderOutput),
    metrics: metricsOf(outputs),
  };
}

function toEncoderOutput(snapshot: OutputSnapshot): EncoderOutput {
  const { id, kind, state, raw, destination, bitrateKbps } = snapshot;
  return bitrateKbps === undefined
    ? { id, kind, state, raw, destination }
    : { id, kind, state, raw, destination, bitrateKbps };
}

/**
 * Encoder-level figures come from the primary output: the first stream output that has run, else the
 * first output that has. `droppedFrames` is always present (0 before any output ran: none were dropped).
 */
function metricsOf(outputs: readonly OutputSnapshot[]): EncoderMetrics {
  const ran = outputs.filter((output) => output.droppedFrames !== undefined);
  const primary = ran.find((output) => output.kind === 'stream') ?? ran[0];
  const fps = primary?.pid === undefined ? undefined : primary.fps;
  return fps === undefined
    ? { droppedFrames: primary?.droppedFrames ?? 0 }
    : { fps, droppedFrames: primary?.droppedFrames ?? 0 };
}

async function requireBinary(encoder: FfmpegEncoder): Promise<void> {
  if (await encoder.binaryAvailable()) return;
  throw new DriverError(
    'EM_DRIVER_UNREACHABLE',
    `ffmpeg binary "${encoder.binary}" not found or not executable`,
    {
      hint: 'install ffmpeg (apt-get install ffmpeg) or set ffmpegPath in the encoder config',
    },
  );
}

function unreachable(encoderId: string, at: number, code: string, message: string): EncoderSample {
  return { encoderId, at, reachable: false, error: { code, message }, outputs: [], metrics: {} };
}
