import type {
  Clock,
  DeliveryResult,
  NotificationMessage,
  Notifier,
  RecipientAddress,
} from '@encoder-manager/sdk';

/** One call the notifier received. */
export interface ReceivedCall {
  readonly message: NotificationMessage;
  readonly to: RecipientAddress;
  readonly at: number;
}

/** What the next call does: answer with a result, or accept the message and never answer (a crash). */
export type Scripted = DeliveryResult | 'accept-and-hang';

/**
 * A real, in-process notifier for tests. It records every call, keeps delivered messages keyed by
 * message id (the provider-side dedup the outbox relies on), and answers from a script: results queued
 * with `then(...)`, else `fallback` (delivered).
 */
export class RecordingNotifier implements Notifier {
  readonly calls: ReceivedCall[] = [];
  readonly delivered = new Map<string, ReceivedCall>();
  duplicates = 0;
  fallback: DeliveryResult = { status: 'delivered', providerId: 'ok' };
  readonly #script: Scripted[] = [];
  readonly #hanging: (() => void)[] = [];

  constructor(
    readonly channel: string,
    private readonly clock: Clock,
  ) {}

  /** Queues answers for the next calls, in order. */
  then(...answers: Scripted[]): this {
    this.#script.push(...answers);
    return this;
  }

  /** Lets hung calls return `delivered` (the crashed sender "wakes up"). */
  releaseHung(): void {
    for (const release of this.#hanging.splice(0)) release();
  }

  /** Messages received for one address. */
  to(address: string): ReceivedCall[] {
    return this.calls.filter((c) => c.to.address === address);
  }

  send(message: NotificationMessage, to: RecipientAddress): Promise<DeliveryResult> {
    const call = { message, to, at: this.clock.now() };
    this.calls.push(call);
    const answer = this.#script.shift() ?? this.fallback;
    if (answer === 'accept-and-hang') {
      this.#accept(call);
      return new Promise((resolve) => this.#hanging.push(() => resolve({ status: 'delivered' })));
    }
    if (answer.status === 'delivered') this.#accept(call);
    return Promise.resolve(answer);
  }

  #accept(call: ReceivedCall): void {
    if (this.delivered.has(call.message.id)) this.duplicates += 1;
    else this.delivered.set(call.message.id, call);
  }
}
