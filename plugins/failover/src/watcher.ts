import type { Alert, Clock, EncoderSample, EncoderStateEvent, StreamStateEvent } from '@encoder-manager/sdk';
import type { ChannelRuntime } from './runtime.js';
import type { Switcher } from './switcher.js';

const RETRY_WHEN_DOWN_MS = 5000;
const UNREACHABLE_POLLS = 2;

/** A fault on the encoder currently feeding a channel. */
type Fault = (runtime: ChannelRuntime, reason: string, at: number) => void;

/**
 * Turns bus events into faults of the active encoder (ingest: stopped, stalled, bitrate collapse;
 * encoder: unreachable, output failed; alerts) and tracks the primary's health while a backup is on air.
 */
export class FaultWatcher {
  constructor(
    private readonly channels: readonly ChannelRuntime[],
    private readonly switcher: Switcher,
    private readonly clock: Clock,
    private readonly severities: readonly string[],
  ) {}

  readonly fault: Fault = (runtime, reason, at) => {
    // With nothing able to take over, try again every few seconds, not on every event.
    if (runtime.down && this.clock.now() - runtime.lastFailedAt < RETRY_WHEN_DOWN_MS) return;
    void this.switcher.switch(runtime, { kind: 'failover', reason, detectedAt: at });
  };

  /**
   * Once a second: a channel whose encoder is not live at the ingest (nothing reported, or still down
   * after a failed switch) is retried — events alone stop once a dead stream has left /stat.
   */
  tick(runtime: ChannelRuntime, live: boolean): void {
    if (runtime.switching || live) return;
    const now = this.clock.now();
    const grace = runtime.down ? RETRY_WHEN_DOWN_MS : runtime.config.confirmTimeoutMs;
    const since = runtime.down ? runtime.lastFailedAt : runtime.since;
    if (now - since >= grace)
      this.fault(
        runtime,
        `${runtime.activeEntry.encoder}: ${runtime.activeEntry.stream ?? runtime.activeEntry.output} not on air`,
        now,
      );
  }

  onStream(state: StreamStateEvent): void {
    for (const runtime of this.channels) {
      const index = runtime.config.encoders.findIndex((entry) => entry.stream === state.stream);
      if (index === -1) continue;
      if (index === runtime.active) this.#activeStream(runtime, state);
      else if (index === 0) this.#primaryStream(runtime, state);
    }
  }

  /** Unreachable for two polls in a row: one missed or unreadable poll is not worth switching for. */
  onSample(sample: EncoderSample, misses: number): void {
    if (sample.reachable || misses < UNREACHABLE_POLLS) return;
    for (const runtime of this.#feeding(sample.encoderId)) {
      this.fault(
        runtime,
        `${sample.encoderId} unreachable (${sample.error?.code ?? 'no answer'})`,
        sample.at,
      );
    }
  }

  onEncoderState(event: EncoderStateEvent): void {
    for (const runtime of this.#feeding(event.encoderId)) {
      const output = event.outputs.find((o) => o.id === runtime.activeEntry.output && o.state === 'failed');
      if (output) this.fault(runtime, `${event.encoderId} output ${output.id} failed`, event.at);
    }
  }

  onAlert(alert: Alert): void {
    if (!alert.labels.encoder || !this.severities.includes(alert.severity)) return;
    for (const runtime of this.#feeding(alert.labels.encoder)) {
      this.fault(
        runtime,
        `alert ${alert.name} on ${alert.labels.encoder}: ${alert.summary}`,
        this.clock.now(),
      );
    }
  }

  #activeStream(runtime: ChannelRuntime, state: StreamStateEvent): void {
    const who = runtime.activeEntry.encoder;
    if (!state.publishing)
      return this.fault(runtime, `${who}: stream ${state.stream} stopped at the ingest`, state.at);
    if (state.stalled)
      return this.fault(runtime, `${who}: stream ${state.stream} stalled at the ingest (no data)`, state.at);
    const min = runtime.config.minBytesPerSec;
    if (min === 0 || state.bytesInPerSec === undefined) return;
    if (state.bytesInPerSec >= min) {
      runtime.lowRateSince = undefined;
      return;
    }
    runtime.lowRateSince ??= state.at;
    if (state.at - runtime.lowRateSince >= runtime.config.lowRateForMs) {
      this.fault(
        runtime,
        `${who}: bitrate collapsed to ${state.bytesInPerSec} B/s (< ${min}) at the ingest`,
        runtime.lowRateSince,
      );
    }
  }

  /** A primary that drops even once during the stable period starts the period again: no return while it flaps. */
  #primaryStream(runtime: ChannelRuntime, state: StreamStateEvent): void {
    const clean =
      state.publishing &&
      !state.stalled &&
      (runtime.config.minBytesPerSec === 0 || (state.bytesInPerSec ?? 0) >= runtime.config.minBytesPerSec);
    runtime.primaryCleanSince = clean ? (runtime.primaryCleanSince ?? state.at) : undefined;
  }

  #feeding(encoder: string): ChannelRuntime[] {
    return this.channels.filter((runtime) => runtime.activeEntry.encoder === encoder);
  }
}
