import type { Clock, EncoderOutput, EncoderSample, Logger, OutputState } from '@encoder-manager/sdk';
import { Value } from '@sinclair/typebox/value';
import { ConnectionLost } from './errors.js';
import {
  OutputStateChanged,
  RecordStatus,
  Stats,
  StreamServiceSettings,
  StreamStatus,
  type RecordStatusData,
  type StreamStatusData,
} from './messages.js';
import { call } from './requests.js';
import type { ObsSocket } from './socket.js';
import { mergeState, polledRecordState, polledStreamState, type StateReading } from './states.js';

/** OBS has one stream and one record output. */
export const OBS_OUTPUTS = ['stream', 'record'] as const;
export type ObsOutputId = (typeof OBS_OUTPUTS)[number];

/**
 * Reads OBS: keeps the latest pushed `StreamStateChanged`/`RecordStateChanged` state (reset on every new
 * session, since events were missed while disconnected) and fills counters with GetStreamStatus,
 * GetRecordStatus and GetStats on each poll.
 */
export class ObsReader {
  readonly #pushed = new Map<ObsOutputId, string>();
  readonly #bytes = new Map<
    ObsOutputId,
    { readonly bytes: number; readonly at: number; readonly running: boolean }
  >();
  #recordPath: string | undefined;
  #destination: { readonly socket: ObsSocket; readonly value: string | undefined } | undefined;

  constructor(
    private readonly connect: (signal: AbortSignal) => Promise<ObsSocket>,
    private readonly clock: Clock,
    private readonly log: Logger,
  ) {}

  /** Handles a pushed event; anything malformed is logged and ignored (it must not end the session). */
  onEvent(eventType: string, eventData: Record<string, unknown> | undefined): void {
    const output =
      eventType === 'StreamStateChanged'
        ? 'stream'
        : eventType === 'RecordStateChanged'
          ? 'record'
          : undefined;
    if (eventType === 'ExitStarted') this.log.debug('OBS is exiting');
    if (!output) return;
    if (!Value.Check(OutputStateChanged, eventData))
      return this.log.debug({ eventType }, 'malformed OBS event ignored');
    this.#pushed.set(output, eventData.outputState);
    if (output === 'record' && typeof eventData.outputPath === 'string')
      this.#recordPath = eventData.outputPath;
  }

  /** A new session: forget pushed state and the cached stream destination. */
  onIdentified(): void {
    this.#pushed.clear();
    this.#destination = undefined;
  }

  /** Outputs and metrics, retrying once on a fresh session if the old one dropped mid-request. */
  sample(signal: AbortSignal): Promise<Pick<EncoderSample, 'outputs' | 'metrics'>> {
    return this.#withSocket(signal, (socket) => this.#read(socket, signal));
  }

  /** The current state of one output (GetStreamStatus/GetRecordStatus merged with pushed state). */
  outputState(output: ObsOutputId, signal: AbortSignal): Promise<OutputState> {
    return this.#withSocket(signal, async (socket) =>
      output === 'stream'
        ? this.#streamReading(await call(socket, 'GetStreamStatus', StreamStatus, signal)).state
        : this.#recordReading(await call(socket, 'GetRecordStatus', RecordStatus, signal)).state,
    );
  }

  async #withSocket<T>(signal: AbortSignal, work: (socket: ObsSocket) => Promise<T>): Promise<T> {
    try {
      return await work(await this.connect(signal));
    } catch (error) {
      if (!(error instanceof ConnectionLost) || signal.aborted) throw error;
      return work(await this.connect(signal));
    }
  }

  async #read(socket: ObsSocket, signal: AbortSignal): Promise<Pick<EncoderSample, 'outputs' | 'metrics'>> {
    const [stream, record, stats, destination] = await Promise.all([
      call(socket, 'GetStreamStatus', StreamStatus, signal),
      call(socket, 'GetRecordStatus', RecordStatus, signal),
      call(socket, 'GetStats', Stats, signal),
      this.#streamDestination(socket, signal),
    ]);
    const at = this.clock.now();
    const outputs: EncoderOutput[] = [
      this.#output('stream', this.#streamReading(stream), stream.outputBytes, at, destination),
      this.#output('record', this.#recordReading(record), record.outputBytes, at, this.#recordPath),
    ];
    // droppedFrames: frames the stream output dropped (network), cumulative since it started.
    const metrics = {
      cpuPct: stats.cpuUsage,
      fps: stats.activeFps,
      droppedFrames: stream.outputSkippedFrames,
    };
    return { outputs, metrics };
  }

  #streamReading(status: StreamStatusData): StateReading {
    return mergeState(this.#pushed.get('stream'), polledStreamState(status));
  }

  #recordReading(status: RecordStatusData): StateReading {
    return mergeState(this.#pushed.get('record'), polledRecordState(status));
  }

  #output(
    id: ObsOutputId,
    reading: StateReading,
    bytes: number,
    at: number,
    destination?: string,
  ): EncoderOutput {
    const bitrateKbps = this.#bitrate(id, bytes, at, reading.state !== 'idle');
    return {
      id,
      kind: id,
      ...reading,
      ...(bitrateKbps !== undefined ? { bitrateKbps } : {}),
      ...(destination ? { destination } : {}),
    };
  }

  /**
   * kbit/s from the `outputBytes` delta between two polls that both saw the output running (as the Companion
   * module does); absent on the first poll of a run.
   */
  #bitrate(id: ObsOutputId, bytes: number, at: number, running: boolean): number | undefined {
    const previous = this.#bytes.get(id);
    this.#bytes.set(id, { bytes, at, running });
    if (!running || !previous?.running || bytes < previous.bytes || at <= previous.at) return undefined;
    return Math.round((((bytes - previous.bytes) * 8) / (at - previous.at)) * 10) / 10;
  }

  /** The stream server URL (no key, no credentials), read once per session. */
  async #streamDestination(socket: ObsSocket, signal: AbortSignal): Promise<string | undefined> {
    if (this.#destination?.socket === socket) return this.#destination.value;
    const reply = await call(socket, 'GetStreamServiceSettings', StreamServiceSettings, signal);
    const value = serverUrl(reply.streamServiceSettings?.server);
    this.#destination = { socket, value };
    return value;
  }
}

function serverUrl(server: unknown): string | undefined {
  if (typeof server !== 'string') return undefined;
  try {
    const url = new URL(server);
    url.username = '';
    url.password = '';
    url.search = '';
    return url.toString();
  } catch {
    return undefined;
  }
}
