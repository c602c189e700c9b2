import type { ChannelEncoderStatus, ChannelStatus, FailoverRecord } from '@encoder-manager/sdk';
import type { ChannelConfig } from './config.js';
import type { HealthBoard } from './health.js';

/** The live state of one channel. */
export class ChannelRuntime {
  /** Index into `config.encoders` of the encoder on air. */
  active = 0;
  since: number;
  /** The switch under way; further triggers merge into it. */
  switching: FailoverRecord | undefined;
  /** Since when the primary has been publishing cleanly while a backup is on air. */
  primaryCleanSince: number | undefined;
  lowRateSince: number | undefined;
  lastPrimaryRestart = 0;
  /** A restart of the primary is under way; a slow start must not be interrupted by the next attempt. */
  primaryRestarting = false;
  /** Triggers that arrived while a switch was running (concurrent signals for the same fault). */
  mergedTriggers = 0;
  down = false;
  /** When the last switch found no encoder able to take over; retries wait a little after it. */
  lastFailedAt = 0;

  constructor(
    readonly config: ChannelConfig,
    now: number,
  ) {
    this.since = now;
  }

  get activeEntry() {
    return this.config.encoders[this.active]!;
  }

  indexOf(encoder: string): number {
    return this.config.encoders.findIndex((entry) => entry.encoder === encoder);
  }

  status(health: HealthBoard, severities: readonly string[]): ChannelStatus {
    const encoders: ChannelEncoderStatus[] = this.config.encoders.map((entry, index) => ({
      encoder: entry.encoder,
      output: entry.output,
      stream: entry.stream,
      role: index === 0 ? 'primary' : 'backup',
      active: index === this.active,
      unhealthy: health.unfit(entry.encoder, severities),
    }));
    const state = this.switching
      ? 'switching'
      : this.down
        ? 'down'
        : health.onAir(this.activeEntry)
          ? 'live'
          : 'idle';
    return {
      id: this.config.id,
      name: this.config.name ?? this.config.id,
      state,
      activeEncoder: this.activeEntry.encoder,
      since: this.since,
      encoders,
    };
  }
}
