import type { BusEvent, OverflowPolicy } from '@encoder-manager/sdk';
import { RingBuffer } from '../util/ring-buffer.js';

/** Per-subscriber counters, exposed for metrics and `/health/detailed`. */
export interface SubscriberStats {
  readonly owner: string;
  readonly topic: string;
  readonly queued: number;
  readonly delivered: number;
  readonly dropped: number;
  readonly errors: number;
  readonly maxHandlerMs: number;
}

/** How many events one drain handles before yielding to I/O, so a busy bus cannot starve sockets. */
const BATCH = 256;

/**
 * One subscription with its own bounded queue and its own drain loop: a slow or failing handler only
 * delays itself. Events are handled one at a time, in publish order.
 */
export class Subscriber {
  readonly #queue: RingBuffer<BusEvent>;
  #draining = false;
  #closed = false;
  #delivered = 0;
  #dropped = 0;
  #errors = 0;
  #maxHandlerMs = 0;

  constructor(
    readonly owner: string,
    readonly topic: string,
    private readonly handle: (event: BusEvent) => void | Promise<void>,
    private readonly onError: (subscriber: Subscriber, error: unknown, event: BusEvent) => void,
    queueSize: number,
    private readonly overflow: OverflowPolicy,
  ) {
    this.#queue = new RingBuffer(queueSize);
  }

  enqueue(event: BusEvent): void {
    if (this.#closed) return;
    if (this.#queue.size === this.#queue.capacity && this.overflow === 'drop-newest') {
      this.#dropped += 1;
      return;
    }
    if (this.#queue.push(event) !== undefined) this.#dropped += 1;
    if (!this.#draining) {
      this.#draining = true;
      setImmediate(() => void this.#drain());
    }
  }

  close(): void {
    this.#closed = true;
    while (this.#queue.shift() !== undefined);
  }

  stats(): SubscriberStats {
    return {
      owner: this.owner,
      topic: this.topic,
      queued: this.#queue.size,
      delivered: this.#delivered,
      dropped: this.#dropped,
      errors: this.#errors,
      maxHandlerMs: this.#maxHandlerMs,
    };
  }

  /** True while events are waiting or being handled. */
  get busy(): boolean {
    return this.#draining;
  }

  async #drain(): Promise<void> {
    for (let handled = 0; handled < BATCH; handled += 1) {
      const event = this.#queue.shift();
      if (event === undefined) {
        this.#draining = false;
        return;
      }
      await this.#deliver(event);
    }
    setImmediate(() => void this.#drain());
  }

  async #deliver(event: BusEvent): Promise<void> {
    const started = performance.now();
    try {
      await this.handle(event);
      this.#delivered += 1;
    } catch (error) {
      this.#errors += 1;
      this.onError(this, error, event);
    } finally {
      this.#maxHandlerMs = Math.max(this.#maxHandlerMs, performance.now() - started);
    }
  }
}
