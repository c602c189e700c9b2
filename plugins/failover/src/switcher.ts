import { randomUUID } from 'node:crypto';
import {
  errorMessageOf,
  type Clock,
  type EncoderDriver,
  type EventBus,
  type FailoverRecord,
  type IngestService,
  type Logger,
} from '@encoder-manager/sdk';
import type { HealthBoard } from './health.js';
import type { FailoverRecords } from './records.js';
import type { ChannelRuntime } from './runtime.js';

/** What a switch needs from the rest of the agent. */
export interface SwitchDeps {
  readonly clock: Clock;
  readonly log: Logger;
  readonly bus: EventBus;
  readonly health: HealthBoard;
  readonly records: FailoverRecords;
  readonly severities: readonly string[];
  drivers(): readonly EncoderDriver[];
  ingests(): readonly IngestService[];
  /** Encoders feeding other channels, which 'best' assignment must not take. */
  busyElsewhere(channel: string): ReadonlySet<string>;
}

/** A request to move a channel to another encoder. */
export interface SwitchRequest {
  readonly kind: FailoverRecord['kind'];
  readonly reason: string;
  readonly detectedAt: number;
  /** Index of the encoder to switch to; by default the best eligible backup. */
  readonly to?: number;
}

/**
 * Moves a channel to another encoder and confirms it at the receiving side: the new encoder's stream must
 * be publishing at the ingest. One switch per channel at a time; triggers during a switch are merged.
 */
export class Switcher {
  constructor(private readonly deps: SwitchDeps) {}

  async switch(runtime: ChannelRuntime, request: SwitchRequest): Promise<FailoverRecord> {
    if (runtime.switching) {
      runtime.mergedTriggers += 1;
      return runtime.switching;
    }
    const from = runtime.activeEntry;
    let record: FailoverRecord = {
      id: randomUUID(),
      channel: runtime.config.id,
      kind: request.kind,
      from: from.encoder,
      reason: request.reason,
      detectedAt: request.detectedAt,
      outcome: 'in-progress',
      mergedTriggers: 0,
    };
    runtime.switching = record;
    runtime.mergedTriggers = 0;
    try {
      record = await this.#tryCandidates(runtime, record, this.#candidates(runtime, request.to));
      return record;
    } finally {
      runtime.switching = undefined;
      await this.deps.records
        .save({ ...record, mergedTriggers: runtime.mergedTriggers })
        .catch((error: unknown) => this.deps.log.error({ err: error }, 'cannot store failover record'));
    }
  }

  async #tryCandidates(
    runtime: ChannelRuntime,
    start: FailoverRecord,
    candidates: readonly number[],
  ): Promise<FailoverRecord> {
    const problems: string[] = [];
    for (const index of candidates) {
      const entry = runtime.config.encoders[index]!;
      const unfit =
        this.deps.health.unfit(entry.encoder, this.deps.severities) ?? this.#missingDriver(entry.encoder);
      if (unfit) {
        problems.push(`${entry.encoder}: ${unfit}`);
        continue;
      }
      const record: FailoverRecord = { ...start, to: entry.encoder, decidedAt: this.deps.clock.now() };
      this.deps.bus.publish('failover.started', eventOf(record));
      const outcome = await this.#bringUp(runtime, index, record);
      if (outcome.outcome === 'completed') return this.#completed(runtime, index, outcome);
      problems.push(`${entry.encoder}: ${outcome.error ?? 'failed'}`);
    }
    return this.#failed(runtime, start, problems);
  }

  async #bringUp(runtime: ChannelRuntime, index: number, record: FailoverRecord): Promise<FailoverRecord> {
    const entry = runtime.config.encoders[index]!;
    const commandedAt = this.deps.clock.now();
    const command = this.deps.health.onAir(entry)
      ? Promise.resolve(undefined)
      : this.#start(entry.encoder, entry.output, runtime.config.confirmTimeoutMs);
    // Unwatched destinations are confirmed by the driver's read-back alone.
    const live = entry.stream
      ? await this.#waitLive(entry.stream, runtime.config.confirmTimeoutMs)
      : (await command) === undefined;
    if (live) return { ...record, commandedAt, confirmedAt: this.deps.clock.now(), outcome: 'completed' };
    const failure = await command;
    const error = failure ?? `not publishing at the ingest within ${runtime.config.confirmTimeoutMs} ms`;
    return { ...record, commandedAt, outcome: 'failed', error };
  }

  #completed(runtime: ChannelRuntime, index: number, record: FailoverRecord): FailoverRecord {
    const previous = runtime.activeEntry;
    runtime.active = index;
    runtime.since = record.confirmedAt ?? this.deps.clock.now();
    runtime.down = false;
    runtime.primaryCleanSince = undefined;
    runtime.lowRateSince = undefined;
    this.deps.bus.publish('failover.completed', eventOf(record));
    this.#reportOnAir(runtime, record);
    this.deps.log.info(
      {
        channel: record.channel,
        from: record.from,
        to: record.to,
        gapMs: (record.confirmedAt ?? 0) - record.detectedAt,
      },
      `${record.kind}: ${record.reason}`,
    );
    if (runtime.config.mode === 'cold' && previous.encoder !== record.to)
      void this.#stop(previous.encoder, previous.output);
    return record;
  }

  #failed(runtime: ChannelRuntime, start: FailoverRecord, problems: readonly string[]): FailoverRecord {
    runtime.down = true;
    runtime.lastFailedAt = this.deps.clock.now();
    const record: FailoverRecord = {
      ...start,
      outcome: 'failed',
      error: problems.join('; ') || 'no backup configured',
    };
    this.deps.bus.publish('failover.failed', eventOf(record));
    this.deps.bus.publish('check.result', {
      check: 'failover',
      subject: runtime.config.id,
      status: 'critical',
      message: `${runtime.config.id}: no encoder could take over (${record.error})`,
      labels: { channel: runtime.config.id },
      at: this.deps.clock.now(),
    });
    this.deps.log.error({ channel: record.channel, error: record.error }, 'failover failed: escalating');
    return record;
  }

  /** A channel on a backup is a warning the station should see (an alert); back on the primary clears it. */
  #reportOnAir(runtime: ChannelRuntime, record: FailoverRecord): void {
    const onPrimary = runtime.active === 0;
    this.deps.bus.publish('check.result', {
      check: 'channel-on-backup',
      subject: runtime.config.id,
      status: onPrimary ? 'ok' : 'warning',
      message: onPrimary
        ? `${runtime.config.id} is back on its primary ${record.to}`
        : `${runtime.config.id} is on backup ${record.to} since ${new Date(runtime.since).toISOString()}: ${record.reason}`,
      labels: { channel: runtime.config.id },
      at: this.deps.clock.now(),
    });
  }

  /** Eligible encoders in order: the requested one, or every other encoder (ordered or by load). */
  #candidates(runtime: ChannelRuntime, to: number | undefined): number[] {
    if (to !== undefined) return [to];
    const others = runtime.config.encoders
      .map((_, index) => index)
      .filter((index) => index !== runtime.active);
    if (runtime.config.assignment === 'ordered') return others;
    const busy = this.deps.busyElsewhere(runtime.config.id);
    const load = (index: number) => this.deps.health.load(runtime.config.encoders[index]!.encoder);
    return others
      .filter((index) => !busy.has(runtime.config.encoders[index]!.encoder))
      .sort((a, b) => load(a) - load(b));
  }

  async #waitLive(stream: string, timeoutMs: number): Promise<boolean> {
    const ingests = this.deps.ingests();
    if (ingests.length === 0) return false;
    const states = await Promise.all(ingests.map((ingest) => ingest.waitForPublishing(stream, timeoutMs)));
    return states.some((state) => state !== undefined);
  }

  /** Starts an output; resolves to an error message, or undefined when the driver confirmed it. */
  async #start(encoder: string, output: string, timeoutMs: number): Promise<string | undefined> {
    const driver = this.deps.drivers().find((d) => d.id === encoder);
    try {
      const result = await driver?.control?.(
        { type: 'start', outputId: output },
        AbortSignal.timeout(timeoutMs),
      );
      return result?.confirmed ? undefined : `start not confirmed (state ${result?.state ?? 'unknown'})`;
    } catch (error) {
      return errorMessageOf(error);
    }
  }

  async #stop(encoder: string, output: string): Promise<void> {
    const driver = this.deps.drivers().find((d) => d.id === encoder);
    await driver
      ?.control?.({ type: 'stop', outputId: output }, AbortSignal.timeout(10_000))
      .catch((error: unknown) =>
        this.deps.log.warn(
          { encoder, err: error },
          `could not stop ${encoder} after switching away: ${errorMessageOf(error)}`,
        ),
      );
  }

  #missingDriver(encoder: string): string | undefined {
    const driver = this.deps.drivers().find((d) => d.id === encoder);
    if (!driver) return 'no driver plugin provides this encoder';
    return driver.control ? undefined : 'its driver cannot start outputs';
  }
}

function eventOf(record: FailoverRecord) {
  return {
    id: record.id,
    channel: record.channel,
    from: record.from ?? '',
    to: record.to ?? '',
    reason: record.reason,
    detectedAt: record.detectedAt,
    decidedAt: record.decidedAt,
    confirmedAt: record.confirmedAt,
  };
}
