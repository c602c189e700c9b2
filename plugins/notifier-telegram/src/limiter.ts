import Bottleneck from 'bottleneck';
import type { ChatTarget } from './chat.js';

/** Flood limits (Telegram Bot FAQ). */
export interface FloodLimits {
  readonly perChatIntervalMs: number;
  readonly groupPerMinute: number;
  readonly globalPerSecond: number;
}

/**
 * A queue per chat plus a global throttle, as the grammY flood guide recommends and as its
 * transformer-throttler does with Bottleneck: private chats one message per `perChatIntervalMs`,
 * groups additionally `groupPerMinute` per minute, all chats together `globalPerSecond`.
 * Bottleneck keeps its own (real-time) timers: these limits are about Telegram's clock, not the agent's.
 */
export class FloodLimiter {
  readonly #global: Bottleneck;
  readonly #privateChats: Bottleneck.Group;
  readonly #groupChats: Bottleneck.Group;

  constructor(limits: FloodLimits) {
    const perSecond = limits.globalPerSecond;
    this.#global = new Bottleneck({
      reservoir: perSecond,
      reservoirRefreshAmount: perSecond,
      reservoirRefreshInterval: 1000,
    });
    const perChat = { maxConcurrent: 1, minTime: limits.perChatIntervalMs };
    this.#privateChats = new Bottleneck.Group(perChat);
    this.#groupChats = new Bottleneck.Group({
      ...perChat,
      reservoir: limits.groupPerMinute,
      reservoirRefreshAmount: limits.groupPerMinute,
      reservoirRefreshInterval: 60_000,
    });
    for (const group of [this.#privateChats, this.#groupChats]) {
      group.on('created', (limiter: Bottleneck) => limiter.chain(this.#global));
    }
  }

  /** Runs `job` when the chat's queue and the global throttle allow it. */
  schedule<T>(chat: ChatTarget, job: () => Promise<T>): Promise<T> {
    const group = chat.isGroup ? this.#groupChats : this.#privateChats;
    return group.key(chat.id).schedule(job);
  }

  /** Drops queued jobs and releases timers. */
  async stop(): Promise<void> {
    const groups = [this.#privateChats, this.#groupChats];
    await Promise.all(
      groups.flatMap((group) =>
        group.limiters().map(({ limiter }) => limiter.stop({ dropWaitingJobs: true })),
      ),
    );
    await Promise.all([...groups.map((group) => group.disconnect(false)), this.#global.disconnect(false)]);
  }
}
