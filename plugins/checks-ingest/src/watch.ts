import type { CheckResult, StreamStateEvent } from '@encoder-manager/sdk';
import type { StreamConfig } from './config.js';
import { verdictOf, type Verdict } from './verdict.js';

/** The check name of every result this plugin publishes; also the alert name. */
export const CHECK_NAME = 'ingest-stream';

interface RateReading {
  readonly at: number;
  readonly bytesPerSec: number;
}

/**
 * What the plugin knows about one configured stream: the last `stream.state`, when it arrived, the
 * receive rates of the current publishing session within the rate window, and the last verdict.
 */
export class StreamWatch {
  readonly labels: Readonly<Record<string, string>>;
  last: StreamStateEvent | undefined;
  /** Clock time the last event arrived (or the plugin started, before any event). */
  heardAt: number;
  lastVerdict: Verdict | undefined;
  #rates: RateReading[] = [];

  constructor(
    readonly config: StreamConfig,
    startedAt: number,
  ) {
    this.heardAt = startedAt;
    this.labels = {
      ...config.labels,
      stream: config.stream,
      ...(config.encoder === undefined ? {} : { encoder: config.encoder }),
    };
  }

  /** Whether an event is about this stream (and from the configured ingest, if one is named). */
  wants(event: StreamStateEvent): boolean {
    return (
      event.stream === this.config.stream &&
      (this.config.source === undefined || event.source === this.config.source)
    );
  }

  /** Records an event and returns its result. */
  observe(event: StreamStateEvent, now: number, rateWindowMs: number): CheckResult {
    const newSession =
      !event.publishing || (this.last?.clientId !== undefined && event.clientId !== this.last.clientId);
    if (newSession) this.#rates = [];
    if (event.publishing && event.bytesInPerSec !== undefined)
      this.#rates.push({ at: event.at, bytesPerSec: event.bytesInPerSec });
    this.#rates = this.#rates.filter((r) => r.at >= event.at - rateWindowMs);
    this.last = event;
    this.heardAt = now;
    this.lastVerdict = verdictOf(event, this.config, this.#averageRate());
    return this.result(this.lastVerdict, event.at);
  }

  result(verdict: Verdict, at: number): CheckResult {
    return { check: CHECK_NAME, subject: this.config.stream, ...verdict, labels: this.labels, at };
  }

  #averageRate(): number | undefined {
    if (this.#rates.length === 0) return undefined;
    return this.#rates.reduce((sum, r) => sum + r.bytesPerSec, 0) / this.#rates.length;
  }
}
