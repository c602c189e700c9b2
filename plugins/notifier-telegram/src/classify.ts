import { NetworkError, ParseError, TelegramApiError, TimeoutError } from 'node-telegram-bot-api';

/** How one failed API call should be handled. */
export type SendFailure =
  | { readonly kind: 'retry'; readonly reason: string; readonly retryAfterMs?: number }
  | { readonly kind: 'permanent'; readonly reason: string }
  | { readonly kind: 'migrated'; readonly reason: string; readonly newChatId: string }
  | { readonly kind: 'entities'; readonly reason: string };

/**
 * Thrown instead of calling Telegram when a send that waited in the chat's queue reaches the front while
 * the chat is in a 429 flood wait that started after it was queued.
 */
export class ChatFloodWait extends Error {
  constructor(readonly waitMs: number) {
    super(`Telegram flood wait for this chat (${Math.ceil(waitMs / 1000)} s left)`);
    this.name = 'ChatFloodWait';
  }
}

/** Descriptions that mean the chat is gone for this bot. Telegram says `error_code` may change: match text too. */
const GONE_CHAT =
  /bot was blocked|bot was kicked|user is deactivated|chat not found|not enough rights|bot is not a member|can't initiate conversation|PEER_ID_INVALID|have no rights/i;

function classifyApiError(error: TelegramApiError): SendFailure {
  const reason = `${error.errorCode} ${error.description}`;
  if (error.migrateToChatId !== undefined) {
    return { kind: 'migrated', reason, newChatId: String(error.migrateToChatId) };
  }
  if (error.errorCode === 429 || /too many requests/i.test(error.description)) {
    return { kind: 'retry', reason, retryAfterMs: (error.retryAfter ?? 1) * 1000 };
  }
  if (/can't parse entities/i.test(error.description)) return { kind: 'entities', reason };
  if (GONE_CHAT.test(error.description)) return { kind: 'permanent', reason };
  if (error.errorCode === 401 || error.errorCode === 404) {
    return { kind: 'permanent', reason: `${reason} — Telegram rejected the bot token (check config.token)` };
  }
  if (error.errorCode >= 500) return { kind: 'retry', reason };
  if (error.errorCode >= 400) return { kind: 'permanent', reason };
  return { kind: 'retry', reason: `unclassified: ${reason}` };
}

/**
 * Classifies an error from one Bot API call. Network failures, timeouts, unreadable replies, 5xx and
 * 429 are transient; blocked/kicked/unknown chats and other 4xx are permanent; a group that became a
 * supergroup carries its new id.
 */
export function classifyTelegramError(error: unknown, signal: AbortSignal): SendFailure {
  if (signal.aborted) return { kind: 'retry', reason: 'aborted before Telegram answered' };
  if (error instanceof ChatFloodWait)
    return { kind: 'retry', reason: error.message, retryAfterMs: error.waitMs };
  if (error instanceof TelegramApiError) return classifyApiError(error);
  if (error instanceof TimeoutError) return { kind: 'retry', reason: `timeout: ${error.message}` };
  if (error instanceof NetworkError) {
    const cause = error.cause instanceof Error ? `: ${error.cause.message}` : '';
    return { kind: 'retry', reason: `network: ${error.message}${cause}` };
  }
  if (error instanceof ParseError) return { kind: 'retry', reason: `unreadable reply: ${error.message}` };
  return { kind: 'retry', reason: `unexpected: ${error instanceof Error ? error.message : String(error)}` };
}
