import type { FakeChat, FakeSentMessage } from './fake-telegram.js';
import type { FakeError } from './fake-telegram-wire.js';
import { parseTelegramHtml } from './telegram-html.js';

/** Everything the fake remembers. */
export interface FakeState {
  readonly chats: Map<string, FakeChat>;
  readonly sent: FakeSentMessage[];
  readonly answers: { callback_query_id: string; text?: string; show_alert?: boolean }[];
  /** Answers for the next sendMessage calls, in order; `undefined` lets a call through. */
  readonly scripted: (FakeError | undefined)[];
  hang: boolean;
  nextMessageId: number;
  readonly validCallbacks: Set<string>;
  /** Chats in flood wait (see {@link FakeFloodWait}), by chat id. */
  readonly floods: Map<string, FakeFloodWait>;
  /** Every sendMessage call as it arrived, with the answer's HTTP status (real clock). */
  readonly requests: FakeRequest[];
}

/**
 * Telegram's flood control for one chat: the next `rounds` calls each start a wait of `retryAfterSec`
 * and are answered 429; a call during a wait is answered 429 with the seconds left (and counted as early).
 */
export interface FakeFloodWait {
  rounds: number;
  readonly retryAfterSec: number;
  until: number;
}

/** One sendMessage call as the fake saw it. */
export interface FakeRequest {
  readonly chatId: string;
  readonly at: number;
  readonly status: number;
  readonly retryAfterSec?: number;
  /** Arrived while the chat was in a flood wait Telegram had announced. */
  readonly early: boolean;
}

type Outcome = FakeError | { readonly result: unknown };

const BOT = { id: 123456, is_bot: true, first_name: 'Encoder Manager', username: 'em_test_bot' };

/** Telegram's answers for chats the bot cannot write to (observed descriptions, see the docs). */
function chatProblem(chat: FakeChat | undefined): FakeError | undefined {
  if (!chat) return { error_code: 400, description: 'Bad Request: chat not found' };
  if (chat.status === 'blocked')
    return { error_code: 403, description: 'Forbidden: bot was blocked by the user' };
  if (chat.status === 'kicked') {
    return {
      error_code: 403,
      description: `Forbidden: bot was kicked from the ${chat.type === 'supergroup' ? 'supergroup' : 'group'} chat`,
    };
  }
  if (chat.status === 'migrated') {
    return {
      error_code: 400,
      description: 'Bad Request: group chat was upgraded to a supergroup chat',
      parameters: { migrate_to_chat_id: Number(chat.migrateTo) },
    };
  }
  return undefined;
}

function textProblem(params: Record<string, string>): FakeError | { visible: string } {
  const text = params.text ?? '';
  const parsed =
    params.parse_mode?.toUpperCase() === 'HTML' ? parseTelegramHtml(text) : { ok: true as const, text };
  if (!parsed.ok) return { error_code: 400, description: parsed.description };
  if (parsed.text.trim().length === 0)
    return { error_code: 400, description: 'Bad Request: message text is empty' };
  if (parsed.text.length > 4096) return { error_code: 400, description: 'Bad Request: message is too long' };
  const markup = params.reply_markup
    ? (JSON.parse(params.reply_markup) as FakeSentMessage['replyMarkup'])
    : undefined;
  const tooLong = markup?.inline_keyboard.flat().some((b) => Buffer.byteLength(b.callback_data ?? '') > 64);
  if (tooLong) return { error_code: 400, description: 'Bad Request: BUTTON_DATA_INVALID' };
  return { visible: parsed.text };
}

function tooManyRequests(retryAfterSec: number): FakeError {
  return {
    error_code: 429,
    description: `Too Many Requests: retry after ${retryAfterSec}`,
    parameters: { retry_after: retryAfterSec },
  };
}

/** The flood-control answer for a call to `chatId` now, if the chat is in (or starts) a flood wait. */
function floodAnswer(
  state: FakeState,
  chatId: string,
  now: number,
): { error: FakeError; early: boolean } | undefined {
  const flood = state.floods.get(chatId);
  if (!flood) return undefined;
  if (now < flood.until)
    return { error: tooManyRequests(Math.ceil((flood.until - now) / 1000)), early: true };
  if (flood.rounds === 0) {
    state.floods.delete(chatId);
    return undefined;
  }
  flood.rounds -= 1;
  flood.until = now + flood.retryAfterSec * 1000;
  return { error: tooManyRequests(flood.retryAfterSec), early: false };
}

/** `sendMessage` with every call logged in `state.requests`. */
export function sendMessage(state: FakeState, params: Record<string, string>): Outcome {
  const now = Date.now();
  const chatId = params.chat_id ?? '';
  const flood = floodAnswer(state, chatId, now);
  const outcome = flood ? flood.error : answerSendMessage(state, params);
  const status = 'error_code' in outcome ? outcome.error_code : 200;
  const retryAfterSec = 'error_code' in outcome ? outcome.parameters?.retry_after : undefined;
  state.requests.push({
    chatId,
    at: now,
    status,
    early: flood?.early ?? false,
    ...(retryAfterSec === undefined ? {} : { retryAfterSec }),
  });
  return outcome;
}

/** `sendMessage`: scripted failures first, then chat state, then text rules; answers a `Message`. */
function answerSendMessage(state: FakeState, params: Record<string, string>): Outcome {
  const scripted = state.scripted.length > 0 ? state.scripted.shift() : undefined;
  if (scripted) return scripted;
  const chatId = params.chat_id ?? '';
  const chat =
    state.chats.get(chatId) ??
    (/^[0-9]+$/.test(chatId) ? { id: chatId, type: 'private' as const } : undefined);
  const problem = chatProblem(chat);
  if (problem || !chat) return problem ?? { error_code: 400, description: 'Bad Request: chat not found' };
  const checked = textProblem(params);
  if ('error_code' in checked) return checked;
  const message: FakeSentMessage = {
    chatId,
    messageId: state.nextMessageId++,
    text: params.text ?? '',
    visibleText: checked.visible,
    ...(params.parse_mode ? { parseMode: params.parse_mode } : {}),
    ...(params.reply_markup
      ? { replyMarkup: JSON.parse(params.reply_markup) as FakeSentMessage['replyMarkup'] }
      : {}),
    at: Date.now(),
  };
  state.sent.push(message);
  const chatView =
    chat.type === 'private'
      ? { id: Number(chatId), type: 'private', first_name: 'Ops' }
      : { id: Number(chatId), type: chat.type, title: 'Control room' };
  return {
    result: {
      message_id: message.messageId,
      from: BOT,
      chat: chatView,
      date: Math.floor(message.at / 1000),
      text: checked.visible,
    },
  };
}

/** `answerCallbackQuery`: only ids from presses that were not answered yet. */
export function answerCallback(state: FakeState, params: Record<string, string>): Outcome {
  const id = params.callback_query_id ?? '';
  if (!state.validCallbacks.delete(id)) {
    return {
      error_code: 400,
      description: 'Bad Request: query is too old and response timeout expired or query ID is invalid',
    };
  }
  state.answers.push({
    callback_query_id: id,
    ...(params.text !== undefined ? { text: params.text } : {}),
    ...(params.show_alert !== undefined ? { show_alert: params.show_alert === 'true' } : {}),
  });
  return { result: true };
}
