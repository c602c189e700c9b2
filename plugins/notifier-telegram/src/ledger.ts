import type { Clock } from '@encoder-manager/sdk';

/** How far one notification got in one chat. */
export interface Progress {
  /** Chunks Telegram accepted, in order; a retry continues after them. */
  sentChunks: number;
  complete: boolean;
  lastMessageId?: number;
  readonly at: number;
}

const MAX_ENTRIES = 10_000;
const KEEP_MS = 24 * 3600_000;

/**
 * What the notifier remembers between sends, in memory: per-(notification, chat) progress so a retry
 * or a second send of one id never repeats an accepted chunk; per-chat 429 cooldowns; and groups that
 * became supergroups. Bounded in size and age.
 */
export class DeliveryLedger {
  readonly #progress = new Map<string, Progress>();
  readonly #cooldownUntil = new Map<string, number>();
  readonly #migrations = new Map<string, string>();

  constructor(private readonly clock: Clock) {}

  progress(notificationId: string, chatId: string): Progress {
    const key = `${notificationId}\u0000${chatId}`;
    const known = this.#progress.get(key);
    if (known && this.clock.now() - known.at < KEEP_MS) return known;
    const fresh: Progress = { sentChunks: 0, complete: false, at: this.clock.now() };
    this.#progress.set(key, fresh);
    if (this.#progress.size > MAX_ENTRIES) this.#progress.delete(this.#progress.keys().next().value ?? '');
    return fresh;
  }

  /** Milliseconds left of a 429 wait for this chat, or 0. */
  cooldownLeft(chatId: string): number {
    const until = this.#cooldownUntil.get(chatId) ?? 0;
    const left = until - this.clock.now();
    if (left <= 0) this.#cooldownUntil.delete(chatId);
    return Math.max(0, left);
  }

  coolDown(chatId: string, ms: number): void {
    this.#cooldownUntil.set(chatId, this.clock.now() + ms);
  }

  /** The chat id to use for an address, following recorded group → supergroup migrations. */
  resolve(chatId: string): string {
    return this.#migrations.get(chatId) ?? chatId;
  }

  migrated(from: string, to: string): void {
    this.#migrations.set(from, to);
  }
}
