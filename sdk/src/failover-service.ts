import { createServiceRef } from './services.js';

/** One encoder's place in a channel. */
export interface ChannelEncoderStatus {
  readonly encoder: string;
  readonly output: string;
  /** The stream name this encoder publishes at the ingest (`live/enc-a`). */
  /** Absent when the encoder's destination is not watched by an ingest. */
  readonly stream?: string;
  readonly role: 'primary' | 'backup';
  readonly active: boolean;
  /** Why it is not eligible right now (unreachable, failed at 10:02, overheating …). */
  readonly unhealthy?: string;
}

/** A program output and who is feeding it. */
export interface ChannelStatus {
  readonly id: string;
  readonly name: string;
  readonly state: 'live' | 'switching' | 'down' | 'idle';
  readonly activeEncoder?: string;
  readonly since: number;
  readonly encoders: readonly ChannelEncoderStatus[];
}

/** One failover (or return, or manual switch), with its timeline. */
export interface FailoverRecord {
  readonly id: string;
  readonly channel: string;
  readonly kind: 'failover' | 'return' | 'manual';
  readonly from?: string;
  readonly to?: string;
  readonly reason: string;
  /** Fault seen. */
  readonly detectedAt: number;
  /** Backup chosen. */
  readonly decidedAt?: number;
  /** Start command sent to the backup. */
  readonly commandedAt?: number;
  /** Backup seen publishing at the ingest. */
  readonly confirmedAt?: number;
  readonly outcome: 'in-progress' | 'completed' | 'failed';
  readonly error?: string;
  /** Further triggers for the same fault that arrived while this one was running. */
  readonly mergedTriggers: number;
}

/** The failover plugin's read model and manual actions (the API serves it). */
export interface FailoverService {
  channels(): readonly ChannelStatus[];
  history(query: { channel?: string; limit?: number }): Promise<readonly FailoverRecord[]>;
  /** Switches a channel to `to` (or the best backup) now. */
  failover(channel: string, options: { to?: string; by: string }): Promise<FailoverRecord>;
  /** Switches back to the primary now, without waiting for the stable period. */
  returnToPrimary(channel: string, by: string): Promise<FailoverRecord>;
}

/** Provided by the failover plugin. */
export const failoverServiceRef = createServiceRef<FailoverService>({ id: 'failover.service' });
