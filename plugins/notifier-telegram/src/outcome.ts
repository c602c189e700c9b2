import type { DeliveryResult } from '@encoder-manager/sdk';
import type { ChatTarget } from './chat.js';
import type { SendFailure } from './classify.js';
import type { DeliveryLedger } from './ledger.js';

/** What an aborted send returns. */
export const ABORTED: DeliveryResult = { status: 'retry', reason: 'aborted before Telegram answered' };

/** Rejects with the signal's reason when it aborts, so a send queued behind the flood limiter returns promptly. */
export function abortable<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  let onAbort = (): void => {};
  const aborted = new Promise<never>((_, reject) => {
    onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
  });
  return Promise.race([work, aborted]).finally(() => signal.removeEventListener('abort', onAbort));
}

/** The DeliveryResult for a failure, recording 429 cooldowns and migrations on the way. */
export function toResult(ledger: DeliveryLedger, chat: ChatTarget, failure: SendFailure): DeliveryResult {
  switch (failure.kind) {
    case 'retry':
      if (failure.retryAfterMs === undefined) return { status: 'retry', reason: failure.reason };
      ledger.coolDown(chat.id, failure.retryAfterMs);
      return { status: 'retry', reason: failure.reason, retryAfterMs: failure.retryAfterMs };
    case 'migrated':
      ledger.migrated(chat.id, failure.newChatId);
      return {
        status: 'permanent',
        reason: `${failure.reason} (new id ${failure.newChatId})`,
        newAddress: failure.newChatId,
      };
    case 'entities':
    case 'permanent':
      return { status: 'permanent', reason: failure.reason };
  }
}
