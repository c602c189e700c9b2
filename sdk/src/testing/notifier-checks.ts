import type { DeliveryResult, NotificationMessage, Notifier, RecipientAddress } from '../index.js';
import { check } from './conformance.js';
import type { NotifierReceiver, ReceivedNotification } from './notifier-conformance.js';

const STATUSES = new Set(['delivered', 'retry', 'permanent']);

/** Calls `send` and fails the case with a clear message when it throws instead of returning a result. */
export async function sendNoThrow(
  notifier: Notifier,
  message: NotificationMessage,
  to: RecipientAddress,
  signal: AbortSignal,
): Promise<DeliveryResult> {
  try {
    const result = await notifier.send(message, to, signal);
    expectDeliveryResult(result);
    return result;
  } catch (error) {
    const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    throw new Error(`send threw (${text}); a notifier must return a DeliveryResult for provider errors`);
  }
}

/** Fails unless `value` is a well-formed DeliveryResult (retry/permanent with a reason). */
export function expectDeliveryResult(value: unknown): asserts value is DeliveryResult {
  const result = value as Partial<Record<string, unknown>> | null;
  check(
    typeof result === 'object' && result !== null && STATUSES.has(String(result.status)),
    `not a DeliveryResult: ${JSON.stringify(value)}`,
  );
  if (result.status !== 'delivered') {
    check(typeof result.reason === 'string', `a ${String(result.status)} result needs a reason`);
  }
  if (result.retryAfterMs !== undefined) {
    const ms = result.retryAfterMs;
    check(typeof ms === 'number' && Number.isFinite(ms) && ms >= 0, `bad retryAfterMs ${String(ms)}`);
  }
}

/** Polls the receiver until it holds at least `count` messages or 2 s pass; returns what it holds. */
export async function waitForReceived(
  receiver: NotifierReceiver,
  count: number,
): Promise<readonly ReceivedNotification[]> {
  const deadline = Date.now() + 2000;
  for (;;) {
    const got = await receiver.received();
    if (got.length >= count || Date.now() > deadline) return got;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
