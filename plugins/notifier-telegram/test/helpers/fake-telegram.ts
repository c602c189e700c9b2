import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { answerCallback, sendMessage, type FakeRequest, type FakeState } from './fake-telegram-methods.js';
import { UpdateQueue } from './fake-telegram-updates.js';
import { reply, type FakeError } from './fake-telegram-wire.js';

export type { FakeError } from './fake-telegram-wire.js';
export type { FakeRequest } from './fake-telegram-methods.js';

/** A chat the fake knows. Positive ids not added are private chats that work. */
export interface FakeChat {
  readonly id: string;
  readonly type: 'private' | 'group' | 'supergroup' | 'channel';
  status?: 'ok' | 'blocked' | 'kicked' | 'migrated';
  migrateTo?: string;
}

/** A message the fake accepted. */
export interface FakeSentMessage {
  readonly chatId: string;
  readonly messageId: number;
  readonly text: string;
  readonly visibleText: string;
  readonly parseMode?: string;
  readonly replyMarkup?: { inline_keyboard: { text: string; callback_data?: string }[][] };
  /** Arrival time, real clock (flood-limit checks). */
  readonly at: number;
}

/** A protocol-faithful fake of the Telegram Bot API (sendMessage, getUpdates, answerCallbackQuery). */
export class FakeTelegram {
  readonly state: FakeState;
  readonly updates = new UpdateQueue();
  #server: http.Server | undefined;
  #hung: http.ServerResponse[] = [];
  apiRoot = '';

  constructor(readonly token = '123456:TEST-token_abc') {
    this.state = {
      chats: new Map(),
      sent: [],
      answers: [],
      scripted: [],
      hang: false,
      nextMessageId: 1,
      validCallbacks: new Set(),
      floods: new Map(),
      requests: [],
    };
  }

  get sent(): FakeSentMessage[] {
    return this.state.sent;
  }

  /** Every sendMessage call, answered or refused, in arrival order. */
  get requests(): readonly FakeRequest[] {
    return this.state.requests;
  }

  /**
   * Puts a chat under flood control: each of its next `rounds` calls is answered 429 with
   * `retry_after: retryAfterSec`, and a call before that wait is over gets 429 again (marked early).
   */
  floodWait(chatId: string, retryAfterSec: number, rounds = 1): void {
    this.state.floods.set(chatId, { rounds, retryAfterSec, until: 0 });
  }

  addChat(chat: FakeChat): void {
    this.state.chats.set(chat.id, chat);
  }

  /** The next `count` sendMessage calls answer with `error`. */
  failNext(error: FakeError, count = 1): void {
    for (let i = 0; i < count; i += 1) this.state.scripted.push(error);
  }

  /** Scripts the next sendMessage calls in order: an error, or `undefined` to answer normally. */
  script(...answers: (FakeError | undefined)[]): void {
    this.state.scripted.push(...answers);
  }

  /** Accept sendMessage requests and never answer them (until `hang = false` or close). */
  set hang(value: boolean) {
    this.state.hang = value;
  }

  /** A person presses an inline button under message `messageId`; returns the callback query id. */
  press(
    message: FakeSentMessage,
    data: string,
    from = { id: 4242, is_bot: false, first_name: 'Alice', username: 'alice' },
  ): string {
    const chat = this.state.chats.get(message.chatId) ?? { id: message.chatId, type: 'private' };
    const id = `cb-${Math.random().toString(36).slice(2, 10)}`;
    this.state.validCallbacks.add(id);
    const callback_query = {
      id,
      from,
      chat_instance: `ci-${message.chatId}`,
      data,
      message: {
        message_id: message.messageId,
        date: Math.floor(message.at / 1000),
        chat: { id: Number(chat.id), type: chat.type },
        text: message.visibleText,
      },
    };
    this.updates.push({ callback_query });
    return id;
  }

  async start(): Promise<this> {
    this.#server = http.createServer((req, res) => void this.#handle(req, res));
    await new Promise<void>((resolve) => this.#server?.listen(0, '127.0.0.1', resolve));
    this.apiRoot = `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}`;
    return this;
  }

  async close(): Promise<void> {
    this.updates.close();
    for (const res of this.#hung.splice(0)) res.destroy();
    this.#server?.closeAllConnections();
    await new Promise((resolve) => this.#server?.close(resolve));
  }

  async #handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const match = /^\/bot([^/]+)\/([A-Za-z]+)$/.exec(new URL(req.url ?? '/', 'http://x').pathname);
    const params = await readParams(req);
    if (!match || match[1] !== this.token)
      return reply(res, { error_code: 401, description: 'Unauthorized' });
    const method = match[2];
    if (method === 'sendMessage') {
      if (this.state.hang) return void this.#hung.push(res);
      return reply(res, sendMessage(this.state, params));
    }
    if (method === 'getUpdates') return this.updates.poll(params, res);
    if (method === 'answerCallbackQuery') return reply(res, answerCallback(this.state, params));
    reply(res, { error_code: 404, description: 'Not Found: method not found' });
  }
}

/** Reads Bot API parameters from the query string and a urlencoded or JSON body. */
async function readParams(req: http.IncomingMessage): Promise<Record<string, string>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const body = Buffer.concat(chunks).toString('utf8');
  const params: Record<string, string> = Object.fromEntries(new URL(req.url ?? '/', 'http://x').searchParams);
  if ((req.headers['content-type'] ?? '').includes('application/json') && body) {
    for (const [key, value] of Object.entries(JSON.parse(body) as Record<string, unknown>)) {
      params[key] = typeof value === 'string' ? value : JSON.stringify(value);
    }
  } else Object.assign(params, Object.fromEntries(new URLSearchParams(body)));
  return params;
}
