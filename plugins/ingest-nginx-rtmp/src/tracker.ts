import type { StreamStateEvent } from '@encoder-manager/sdk';
import type { StatStream } from './stat.js';

interface Tracked {
  publishing: boolean;
  bytesIn: number;
  polledAt: number;
  /** Last time bytes_in grew (or the stream started publishing). */
  grewAt: number;
  rate?: number;
  clientId?: string;
  width?: number;
  height?: number;
  fps?: number;
}

/**
 * Turns successive /stat readings and notify callbacks into `stream.state` events: receive rate from the
 * bytes_in delta, stalls when bytes stop growing, and publish/unpublish as soon as a callback says so.
 */
export class StreamTracker {
  readonly #streams = new Map<string, Tracked>();

  constructor(
    private readonly source: string,
    private readonly stallAfterMs: number,
  ) {}

  /** One /stat reading; returns an event for every stream seen now or gone since the last reading. */
  observe(stats: readonly StatStream[], now: number): StreamStateEvent[] {
    const seen = new Set(stats.map((stat) => stat.stream));
    const events = stats.map((stat) => this.#update(stat, now));
    for (const [name, tracked] of this.#streams) {
      if (!seen.has(name) && tracked.publishing) events.push(this.#gone(name, tracked, now));
    }
    return events;
  }

  /** An on_publish / on_publish_done callback. A publish_done from a rejected second publisher is ignored. */
  callback(
    call: 'publish' | 'publish_done',
    name: string,
    clientId: string | undefined,
    now: number,
  ): StreamStateEvent | undefined {
    const tracked = this.#streams.get(name);
    if (call === 'publish') {
      // A publish callback means bytes are about to flow: the stall clock starts now.
      const started: Tracked = { bytesIn: 0, polledAt: now, grewAt: now, publishing: true, clientId };
      this.#streams.set(name, started);
      return this.#event(name, started, now);
    }
    if (!tracked || (tracked.clientId && clientId && tracked.clientId !== clientId)) return undefined;
    return this.#gone(name, tracked, now);
  }

  current(): StreamStateEvent[] {
    return [...this.#streams.entries()].map(([name, tracked]) =>
      this.#event(name, tracked, tracked.polledAt),
    );
  }

  #update(stat: StatStream, now: number): StreamStateEvent {
    const previous = this.#streams.get(stat.stream);
    // bytes_in going down means a new publishing session replaced the old one between readings.
    const continuing = previous?.publishing === true && stat.publishing && stat.bytesIn >= previous.bytesIn;
    const grew = !continuing || stat.bytesIn > previous.bytesIn;
    const elapsed = continuing ? now - previous.polledAt : 0;
    const tracked: Tracked = {
      publishing: stat.publishing,
      bytesIn: stat.bytesIn,
      polledAt: now,
      grewAt: grew ? now : previous.grewAt,
      rate: continuing && elapsed > 0 ? ((stat.bytesIn - previous.bytesIn) * 1000) / elapsed : undefined,
      clientId: stat.publisherId ?? previous?.clientId,
      width: stat.width,
      height: stat.height,
      fps: stat.fps,
    };
    this.#streams.set(stat.stream, tracked);
    return this.#event(stat.stream, tracked, now);
  }

  #gone(name: string, tracked: Tracked, now: number): StreamStateEvent {
    const gone: Tracked = { ...tracked, publishing: false, rate: 0, polledAt: now };
    this.#streams.set(name, gone);
    return this.#event(name, gone, now);
  }

  #event(name: string, tracked: Tracked, now: number): StreamStateEvent {
    const stalled = tracked.publishing && now - tracked.grewAt >= this.stallAfterMs;
    return {
      stream: name,
      publishing: tracked.publishing,
      stalled,
      source: this.source,
      clientId: tracked.clientId,
      bytesInPerSec: tracked.rate === undefined ? undefined : Math.round(tracked.rate),
      width: tracked.width,
      height: tracked.height,
      fps: tracked.fps,
      at: now,
    };
  }
}
