import { randomBytes } from 'node:crypto';
import type { BusEvent, Clock, EventBus, Unsubscribe } from '@encoder-manager/sdk';
import type { ServiceAccess } from '../http/services.js';
import { seesAlert, seesChannel, seesEncoder } from '../http/visibility.js';
import type { EventConnection } from './connection.js';
import { attribute } from './labels.js';
import { ReplayRing, type StreamEntry } from './ring.js';

/**
 * The event stream: numbers every bus event within an epoch (a random id per start, so positions from a
 * previous run are never mistaken for this one), keeps the last ones for replay and fans them out.
 */
export class EventHub {
  readonly epoch = randomBytes(9).toString('base64url');
  readonly connections = new Set<EventConnection>();
  #seq = 0;
  readonly #ring: ReplayRing;
  #off: Unsubscribe | undefined;

  constructor(
    private readonly services: ServiceAccess,
    private readonly clock: Clock,
    replay: { size: number; maxAgeSec: number },
  ) {
    this.#ring = new ReplayRing(replay.size, replay.maxAgeSec * 1000);
  }

  get seq(): number {
    return this.#seq;
  }

  start(bus: EventBus): void {
    this.#off = bus.onAny((event) => this.publish(event), { queueSize: 10_000 });
  }

  stop(): void {
    this.#off?.();
  }

  publish(event: BusEvent): void {
    const { labels, sites } = attribute(event, this.services);
    const entry: StreamEntry = {
      seq: (this.#seq += 1),
      ts: this.clock.now(),
      type: event.name,
      data: event.payload,
      labels,
      sites,
    };
    this.#ring.push(entry);
    for (const connection of this.connections) connection.deliver(entry);
  }

  /** Missed entries after `since` in this epoch, or undefined when only a snapshot can help. */
  missedSince(epoch: string | undefined, since: number): StreamEntry[] | undefined {
    if (epoch !== this.epoch) return undefined;
    return this.#ring.since(since, this.#seq, this.clock.now());
  }

  /** Current state for a fresh or too-late client, limited to what the key may see. */
  snapshot(connection: EventConnection): unknown {
    const key = connection.key;
    const encoders = this.services.encoders;
    const failover = this.services.optionalFailover;
    return {
      encoders: encoders.list().filter((e) => seesEncoder(key, e)),
      alerts: this.services.alerts.open().filter((a) => seesAlert(key, a)),
      ...(failover ? { channels: failover.channels().filter((c) => seesChannel(key, c, encoders)) } : {}),
    };
  }

  countFor(keyId: string): number {
    let count = 0;
    for (const connection of this.connections) if (connection.key.id === keyId) count += 1;
    return count;
  }
}
