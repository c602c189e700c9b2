import type { WebSocket } from 'ws';
import type { Clock } from '@encoder-manager/sdk';
import type { KeyRecord } from '../keys/record.js';
import { encodeFrame } from './frames.js';
import { ALL_EVENTS, matchesFilter, type StreamFilter } from './filters.js';
import type { StreamEntry } from './ring.js';

/** Counters a connection reports to the server's statistics. */
export interface ConnectionStats {
  framesSent: number;
  messagesReceived: number;
  slowConsumerDisconnects: number;
}

/** Close codes (RFC 6455 §7.4.1). */
export const CLOSE = { policy: 1008, tooBig: 1009, goingAway: 1001 } as const;

/** One open event socket: its key, MAC key, filter, chain position and liveness. */
export class EventConnection {
  filter: StreamFilter = ALL_EVENTS;
  /** seq of the last event frame sent here (the `prev` of the next one). */
  prev = 0;
  alive = true;
  #windowStart: number;
  #messages = 0;

  constructor(
    readonly id: string,
    readonly ws: WebSocket,
    readonly key: KeyRecord,
    private readonly epoch: string,
    private readonly macKey: Buffer,
    private readonly clock: Clock,
    private readonly maxBufferedBytes: number,
    private readonly stats: ConnectionStats,
  ) {
    this.#windowStart = clock.now();
  }

  /** True when this key may see the entry: unrestricted keys see everything, others only their sites. */
  sees(entry: StreamEntry): boolean {
    const sites = this.key.sites;
    if (!sites) return true;
    return entry.sites.length > 0 && entry.sites.every((site) => sites.includes(site));
  }

  /** Sends an event if the key may see it and the filter wants it; chains it to the previous one. */
  deliver(entry: StreamEntry): boolean {
    if (!this.sees(entry) || !matchesFilter(this.filter, entry)) return false;
    const sent = this.#write({
      epoch: this.epoch,
      seq: entry.seq,
      prev: this.prev,
      ts: entry.ts,
      type: entry.type,
      data: entry.data,
    });
    if (sent) this.prev = entry.seq;
    return sent;
  }

  /** A control frame (hello, snapshot, pong, subscribed, error) at stream position `seq`. */
  control(type: string, seq: number, data: unknown): void {
    this.#write({ epoch: this.epoch, seq, ts: this.clock.now(), type, data });
  }

  /** Counts a client message; false when the per-minute budget is spent (the caller closes with 1008). */
  countMessage(perMinute: number): boolean {
    this.stats.messagesReceived += 1;
    const now = this.clock.now();
    if (now - this.#windowStart >= 60_000) {
      this.#windowStart = now;
      this.#messages = 0;
    }
    this.#messages += 1;
    return this.#messages <= perMinute;
  }

  close(code: number, reason: string): void {
    if (this.ws.readyState === this.ws.OPEN || this.ws.readyState === this.ws.CONNECTING)
      this.ws.close(code, reason);
  }

  #write(fields: Parameters<typeof encodeFrame>[1]): boolean {
    if (this.ws.readyState !== this.ws.OPEN) return false;
    // A client that does not read would make the server buffer without bound: cut it off.
    if (this.ws.bufferedAmount > this.maxBufferedBytes) {
      this.stats.slowConsumerDisconnects += 1;
      this.ws.terminate();
      return false;
    }
    this.ws.send(encodeFrame(this.macKey, fields));
    this.stats.framesSent += 1;
    return true;
  }
}
