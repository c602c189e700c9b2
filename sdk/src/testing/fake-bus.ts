import {
  errorCodeOf,
  errorMessageOf,
  type BusEvent,
  type Clock,
  type EventBus,
  type EventCatalog,
  type EventName,
  type Logger,
  type OverflowPolicy,
  type SubscribeOptions,
  type Unsubscribe,
} from '@encoder-manager/sdk';

/** What {@link createFakeBus} needs. */
export interface FakeBusOptions {
  /** Stamped on every event as `meta.source`: the plugin under test. */
  readonly source: string;
  /** Supplies `meta.at`. */
  readonly clock: Clock;
  /** Where handler errors and queue drops are reported. */
  readonly log: Logger;
  /** Every published event is appended here, in publish order, before any delivery. */
  readonly events: BusEvent[];
}

/** An in-memory `EventBus` that also lets a test wait for deliveries to finish. */
export interface FakeBus extends EventBus {
  /** Resolves once every queued delivery has run, including deliveries caused by handlers publishing. */
  flush(): Promise<void>;
  /** Drops every subscription and queued delivery; later publishes are still recorded. */
  close(): void;
}

const DEFAULT_QUEUE_SIZE = 1000;

type Deliver = (event: BusEvent) => void | Promise<void>;

/** One subscriber's queue: deliveries to a subscriber are sequential, as on the real bus. */
class Subscription {
  readonly #queue: BusEvent[] = [];
  readonly #queueSize: number;
  readonly #overflow: OverflowPolicy;
  #draining = false;
  #closed = false;

  constructor(
    readonly accepts: (name: EventName) => boolean,
    private readonly deliver: Deliver,
    options: SubscribeOptions,
    private readonly hooks: {
      readonly failed: (event: BusEvent, error: unknown) => void;
      readonly dropped: (event: BusEvent) => void;
      readonly track: (work: Promise<void>) => void;
    },
  ) {
    this.#queueSize = Math.max(1, options.queueSize ?? DEFAULT_QUEUE_SIZE);
    this.#overflow = options.overflow ?? 'drop-oldest';
  }

  push(event: BusEvent): void {
    if (this.#closed) return;
    if (this.#queue.length >= this.#queueSize) {
      if (this.#overflow === 'drop-newest') {
        this.hooks.dropped(event);
        return;
      }
      const oldest = this.#queue.shift();
      if (oldest) this.hooks.dropped(oldest);
    }
    this.#queue.push(event);
    if (!this.#draining) {
      this.#draining = true;
      this.hooks.track(this.#drain());
    }
  }

  close(): void {
    this.#closed = true;
    this.#queue.length = 0;
  }

  async #drain(): Promise<void> {
    // Yield first so publish() always returns before any handler runs, even a synchronous one.
    await Promise.resolve();
    try {
      for (let event = this.#queue.shift(); event && !this.#closed; event = this.#queue.shift()) {
        try {
          await this.deliver(event);
        } catch (error) {
          this.hooks.failed(event, error);
        }
      }
    } finally {
      this.#draining = false;
    }
  }
}

/**
 * Creates the bus that `createTestContext` puts on `ctx.bus`. Handler errors are logged at `error`
 * with the event name and never reach the publisher, mirroring the host's isolation.
 */
export function createFakeBus(options: FakeBusOptions): FakeBus {
  const { source, clock, log, events } = options;
  const subscriptions = new Set<Subscription>();
  const inFlight = new Set<Promise<void>>();
  let seq = 0;

  const hooks = {
    failed: (event: BusEvent, error: unknown): void => {
      log.error(
        {
          event: event.name,
          seq: event.meta.seq,
          code: errorCodeOf(error) ?? 'EM_PLUGIN_HANDLER_FAILED',
          err: error,
        },
        `event handler for ${event.name} failed: ${errorMessageOf(error)}`,
      );
    },
    dropped: (event: BusEvent): void => {
      log.warn({ event: event.name, seq: event.meta.seq }, `subscriber queue full; dropped ${event.name}`);
    },
    track: (work: Promise<void>): void => {
      inFlight.add(work);
      void work.finally(() => inFlight.delete(work));
    },
  };

  const subscribe = (
    accepts: (name: EventName) => boolean,
    deliver: Deliver,
    opts: SubscribeOptions = {},
  ): Unsubscribe => {
    const subscription = new Subscription(accepts, deliver, opts, hooks);
    subscriptions.add(subscription);
    return () => {
      subscription.close();
      subscriptions.delete(subscription);
    };
  };

  return {
    publish<E extends EventName>(name: E, payload: EventCatalog[E]): void {
      seq += 1;
      // TypeScript cannot tie `name` and `payload` together through the generic, so the union is asserted.
      const event = { name, payload, meta: { seq, at: clock.now(), source } } as BusEvent;
      events.push(event);
      for (const subscription of subscriptions) {
        if (subscription.accepts(name)) subscription.push(event);
      }
    },
    on(name, handler, opts) {
      // The filter guarantees the payload belongs to `name`; the cast only restores what the union lost.
      return subscribe(
        (n) => n === name,
        (event) => handler(event.payload as EventCatalog[typeof name], event.meta),
        opts,
      );
    },
    onAny(handler, opts) {
      return subscribe(() => true, handler, opts);
    },
    async flush(): Promise<void> {
      // Loop because a handler may publish, which starts new deliveries after the first wait.
      while (inFlight.size > 0) {
        await Promise.all(inFlight);
      }
    },
    close(): void {
      for (const subscription of subscriptions) subscription.close();
      subscriptions.clear();
    },
  };
}
