import {
  errorCodeOf,
  errorMessageOf,
  type BusEvent,
  type Clock,
  type EventBus,
  type EventCatalog,
  type EventHandler,
  type EventName,
  type Logger,
  type SubscribeOptions,
  type Unsubscribe,
} from '@encoder-manager/sdk';
import { Subscriber, type SubscriberStats } from './subscriber.js';

const DEFAULT_QUEUE = 1000;
const ANY = '*';

/**
 * The in-process typed bus. `publish` only enqueues; each subscriber drains its own bounded queue
 * asynchronously, so publishers (the poll loop above all) never wait for consumers.
 */
export class CoreEventBus {
  readonly #subscribers = new Map<string, Set<Subscriber>>();
  #seq = 0;

  constructor(
    private readonly clock: Clock,
    private readonly log: Logger,
  ) {}

  publish<E extends EventName>(source: string, name: E, payload: EventCatalog[E]): void {
    this.#seq += 1;
    const event = { name, payload, meta: { seq: this.#seq, at: this.clock.now(), source } } as BusEvent;
    for (const subscriber of this.#subscribers.get(name) ?? []) subscriber.enqueue(event);
    for (const subscriber of this.#subscribers.get(ANY) ?? []) subscriber.enqueue(event);
  }

  subscribe(
    owner: string,
    topic: EventName | typeof ANY,
    handle: (event: BusEvent) => void | Promise<void>,
    options: SubscribeOptions = {},
  ): Unsubscribe {
    const subscriber = new Subscriber(
      owner,
      topic,
      handle,
      (sub, error, event) => this.#reportError(sub, error, event),
      options.queueSize ?? DEFAULT_QUEUE,
      options.overflow ?? 'drop-oldest',
    );
    const set = this.#subscribers.get(topic) ?? new Set<Subscriber>();
    set.add(subscriber);
    this.#subscribers.set(topic, set);
    return () => {
      subscriber.close();
      set.delete(subscriber);
    };
  }

  /** The bus as one plugin sees it: its publishes carry its name, its subscriptions are attributed to it. */
  forOwner(owner: string, track: (unsubscribe: Unsubscribe) => void = () => {}): EventBus {
    return {
      publish: (name, payload) => this.publish(owner, name, payload),
      on: <E extends EventName>(name: E, handler: EventHandler<E>, options?: SubscribeOptions) => {
        const unsubscribe = this.subscribe(
          owner,
          name,
          (event) => handler(event.payload as EventCatalog[E], event.meta),
          options,
        );
        track(unsubscribe);
        return unsubscribe;
      },
      onAny: (handler, options) => {
        const unsubscribe = this.subscribe(owner, ANY, handler, options);
        track(unsubscribe);
        return unsubscribe;
      },
    };
  }

  stats(): SubscriberStats[] {
    return [...this.#subscribers.values()].flatMap((set) => [...set].map((subscriber) => subscriber.stats()));
  }

  /** Resolves once every queue is empty (tests, shutdown). */
  async idle(): Promise<void> {
    const all = () => [...this.#subscribers.values()].flatMap((set) => [...set]);
    while (all().some((subscriber) => subscriber.busy)) await new Promise((resolve) => setImmediate(resolve));
  }

  #reportError(subscriber: Subscriber, error: unknown, event: BusEvent): void {
    const code = errorCodeOf(error) ?? 'EM_PLUGIN_HANDLER_FAILED';
    const message = errorMessageOf(error);
    this.log.error(
      { plugin: subscriber.owner, event: event.name, code, err: error },
      `event handler failed: ${message}`,
    );
    // A failing plugin.error handler must not feed itself.
    if (event.name === 'plugin.error') return;
    this.publish('core', 'plugin.error', {
      plugin: subscriber.owner,
      hook: `on(${event.name})`,
      code,
      message,
      at: this.clock.now(),
    });
  }
}
