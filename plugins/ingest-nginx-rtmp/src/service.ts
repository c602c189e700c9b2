import type { Clock, IngestService, StreamStateEvent } from '@encoder-manager/sdk';
import type { StreamTracker } from './tracker.js';

type Waiter = { name: string; resolve(state: StreamStateEvent | undefined): void };

/** The ingest's read model, plus waiting for a stream to go live (failover confirmation). */
export class IngestStreams implements IngestService {
  readonly #waiters = new Set<Waiter>();

  constructor(
    private readonly tracker: StreamTracker,
    private readonly clock: Clock,
  ) {}

  streams(): StreamStateEvent[] {
    return this.tracker.current();
  }

  stream(name: string): StreamStateEvent | undefined {
    return this.tracker.current().find((state) => state.stream === name);
  }

  /** Called with every new event; wakes whoever waits for that stream to be live. */
  notify(event: StreamStateEvent): void {
    if (!event.publishing || event.stalled) return;
    for (const waiter of [...this.#waiters]) {
      if (waiter.name !== event.stream) continue;
      this.#waiters.delete(waiter);
      waiter.resolve(event);
    }
  }

  waitForPublishing(
    name: string,
    timeoutMs: number,
    signal?: AbortSignal,
  ): Promise<StreamStateEvent | undefined> {
    const now = this.stream(name);
    if (now?.publishing && !now.stalled) return Promise.resolve(now);
    return new Promise((resolve) => {
      const waiter: Waiter = { name, resolve: (state) => finish(state) };
      const cancel = this.clock.setTimer(() => finish(undefined), timeoutMs);
      const onAbort = () => finish(undefined);
      signal?.addEventListener('abort', onAbort, { once: true });
      const finish = (state: StreamStateEvent | undefined) => {
        cancel();
        signal?.removeEventListener('abort', onAbort);
        this.#waiters.delete(waiter);
        resolve(state);
      };
      this.#waiters.add(waiter);
    });
  }
}
