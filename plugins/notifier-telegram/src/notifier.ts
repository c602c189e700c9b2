import type { Api, InlineKeyboardMarkup } from 'node-telegram-bot-api';
import type {
  DeliveryResult,
  Logger,
  NotificationMessage,
  Notifier,
  RecipientAddress,
} from '@encoder-manager/sdk';
import { parseChat, type ChatTarget } from './chat.js';
import { ChatFloodWait, classifyTelegramError, type SendFailure } from './classify.js';
import { abortable, ABORTED, toResult } from './outcome.js';
import { renderChunks, type Chunk } from './format.js';
import type { DeliveryLedger, Progress } from './ledger.js';
import type { FloodLimiter } from './limiter.js';

/** What the Telegram notifier needs. */
export interface TelegramNotifierDeps {
  readonly api: Api;
  readonly limiter: FloodLimiter;
  readonly ledger: DeliveryLedger;
  readonly log: Logger;
  /** The Acknowledge / Silence buttons for an alert message, or undefined for none. */
  keyboardFor(message: NotificationMessage): InlineKeyboardMarkup | undefined;
}

type ChunkOutcome =
  { readonly ok: true; readonly messageId: number } | { readonly ok: false; readonly failure: SendFailure };

/**
 * Sends notifications to Telegram chats as HTML messages of at most 4,096 characters. Never throws.
 * One notification id reaches one chat once per process: accepted chunks are remembered, so a retry
 * after a partial failure continues where it stopped and a repeated send is answered from memory.
 */
export class TelegramNotifier implements Notifier {
  readonly channel = 'telegram';
  readonly #inFlight = new Map<string, Promise<DeliveryResult>>();

  constructor(private readonly deps: TelegramNotifierDeps) {}

  async send(
    message: NotificationMessage,
    to: RecipientAddress,
    signal: AbortSignal,
  ): Promise<DeliveryResult> {
    if (signal.aborted) return ABORTED;
    const parsed = parseChat(to.address);
    if (!parsed)
      return { status: 'permanent', reason: `"${to.address}" is not a Telegram chat id or @channel name` };
    const chat = { ...parsed, id: this.deps.ledger.resolve(parsed.id) };
    const key = `${message.id}\u0000${chat.id}`;
    const running = this.#inFlight.get(key) ?? this.#sendOnce(message, chat, signal);
    this.#inFlight.set(key, running);
    try {
      const result = await running;
      if (result.status !== 'delivered')
        this.deps.log.warn({ id: message.id, to: to.recipientId, ...result }, 'Telegram message not sent');
      return result;
    } finally {
      this.#inFlight.delete(key);
    }
  }

  async #sendOnce(
    message: NotificationMessage,
    chat: ChatTarget,
    signal: AbortSignal,
  ): Promise<DeliveryResult> {
    const { ledger } = this.deps;
    const progress = ledger.progress(message.id, chat.id);
    if (progress.complete) return { status: 'delivered', providerId: String(progress.lastMessageId) };
    const wait = ledger.cooldownLeft(chat.id);
    if (wait > 0) {
      return {
        status: 'retry',
        reason: `Telegram flood wait for this chat (${Math.ceil(wait / 1000)} s left)`,
        retryAfterMs: wait,
      };
    }
    return this.#deliver(message, chat, progress, signal);
  }

  async #deliver(
    message: NotificationMessage,
    chat: ChatTarget,
    progress: Progress,
    signal: AbortSignal,
  ): Promise<DeliveryResult> {
    const chunks = renderChunks(message);
    const keyboard = this.deps.keyboardFor(message);
    for (let index = progress.sentChunks; index < chunks.length; index += 1) {
      const markup = index === chunks.length - 1 ? keyboard : undefined;
      const outcome = await this.#sendChunk(chat, chunks[index] as Chunk, markup, signal);
      if (!outcome.ok) return toResult(this.deps.ledger, chat, outcome.failure);
      progress.sentChunks = index + 1;
      progress.lastMessageId = outcome.messageId;
    }
    progress.complete = true;
    return { status: 'delivered', providerId: String(progress.lastMessageId) };
  }

  /** One chunk as HTML; if Telegram cannot parse the entities, once more as plain text (nothing was shown yet). */
  async #sendChunk(
    chat: ChatTarget,
    chunk: Chunk,
    markup: InlineKeyboardMarkup | undefined,
    signal: AbortSignal,
  ): Promise<ChunkOutcome> {
    const attempt = async (html: boolean): Promise<ChunkOutcome> => {
      try {
        const sent = await abortable(this.#call(chat, chunk, html, markup, signal), signal);
        return { ok: true, messageId: sent.message_id };
      } catch (error) {
        return { ok: false, failure: classifyTelegramError(error, signal) };
      }
    };
    const first = await attempt(true);
    if (first.ok || first.failure.kind !== 'entities') return first;
    this.deps.log.warn({ reason: first.failure.reason }, 'Telegram refused the HTML; sending as plain text');
    return attempt(false);
  }

  #call(
    chat: ChatTarget,
    chunk: Chunk,
    html: boolean,
    markup: InlineKeyboardMarkup | undefined,
    signal: AbortSignal,
  ) {
    return this.deps.limiter.schedule(chat, () => {
      // The job may start long after it was queued: do not send for a caller that already gave up, nor
      // into a flood wait that a message ahead of it in the queue was just told about.
      signal.throwIfAborted();
      const wait = this.deps.ledger.cooldownLeft(chat.id);
      if (wait > 0) throw new ChatFloodWait(wait);
      return this.deps.api.sendMessage(
        {
          chat_id: chat.id,
          ...(html ? { text: chunk.html, parse_mode: 'HTML' } : { text: chunk.plain }),
          ...(markup ? { reply_markup: markup } : {}),
          link_preview_options: { is_disabled: true },
        },
        signal,
      );
    });
  }
}
