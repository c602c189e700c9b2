import { createServiceRef } from './services.js';

/** A rendered message, ready for one channel. */
export interface NotificationMessage {
  /** Stable id used as the idempotency/dedup key across retries. */
  readonly id: string;
  readonly subject: string;
  readonly text: string;
  readonly html?: string;
  /** Event type that caused it, e.g. `alert.firing`. */
  readonly eventType: string;
  readonly fingerprint?: string;
  readonly createdAt: number;
}

/** Where one recipient is reached on one channel (an e-mail address, a Telegram chat id, a URL …). */
export interface RecipientAddress {
  readonly recipientId: string;
  readonly address: string;
}

/** What a notifier reports back; the outbox decides on retries. */
export type DeliveryResult =
  | { readonly status: 'delivered'; readonly providerId?: string }
  | { readonly status: 'retry'; readonly reason: string; readonly retryAfterMs?: number }
  | { readonly status: 'permanent'; readonly reason: string; readonly newAddress?: string };

/** A delivery channel (e-mail, Telegram, webhook …). */
export interface Notifier {
  /** Channel name used in recipient settings, e.g. `email`. */
  readonly channel: string;
  send(message: NotificationMessage, to: RecipientAddress, signal: AbortSignal): Promise<DeliveryResult>;
}

/** Every notifier the enabled notifier plugins provide. */
export const notifiersRef = createServiceRef<Notifier>({ id: 'core.notifiers', multiple: true });
