import type http from 'node:http';
import { reply } from './fake-telegram-wire.js';

interface Waiting {
  readonly res: http.ServerResponse;
  readonly offset: number;
  readonly timer: NodeJS.Timeout;
}

/**
 * `getUpdates` as Telegram serves it: updates stay until a call's `offset` passes them, a call with
 * nothing to return waits up to `timeout` seconds, and a second concurrent call ends the first with
 * 409 Conflict.
 */
export class UpdateQueue {
  readonly #updates: { update_id: number; [key: string]: unknown }[] = [];
  readonly calls: { offset?: number; timeout?: number }[] = [];
  #nextId = 1000;
  #waiting: Waiting | undefined;

  push(payload: Record<string, unknown>): void {
    this.#updates.push({ update_id: this.#nextId++, ...payload });
    this.#flush();
  }

  /** Unconfirmed updates (those no call's offset has passed yet). */
  pending(): number {
    return this.#updates.length;
  }

  poll(params: Record<string, string>, res: http.ServerResponse): void {
    const offset = params.offset === undefined ? 0 : Number(params.offset);
    const timeout = params.timeout === undefined ? 0 : Number(params.timeout);
    this.calls.push({ ...(params.offset === undefined ? {} : { offset }), timeout });
    this.#confirmBefore(offset);
    if (this.#waiting) {
      const old = this.#waiting;
      this.#waiting = undefined;
      clearTimeout(old.timer);
      reply(old.res, {
        error_code: 409,
        description:
          'Conflict: terminated by other getUpdates request; make sure that only one bot instance is running',
      });
    }
    const ready = this.#updates.filter((u) => u.update_id >= offset);
    if (ready.length > 0 || timeout === 0) return reply(res, { result: ready.slice(0, 100) });
    const timer = setTimeout(() => this.#flush(true), timeout * 1000);
    this.#waiting = { res, offset, timer };
  }

  close(): void {
    if (this.#waiting) clearTimeout(this.#waiting.timer);
    this.#waiting?.res.destroy();
    this.#waiting = undefined;
  }

  #confirmBefore(offset: number): void {
    while ((this.#updates[0]?.update_id ?? Infinity) < offset) this.#updates.shift();
  }

  #flush(timedOut = false): void {
    const waiting = this.#waiting;
    if (!waiting) return;
    const ready = this.#updates.filter((u) => u.update_id >= waiting.offset);
    if (ready.length === 0 && !timedOut) return;
    clearTimeout(waiting.timer);
    this.#waiting = undefined;
    reply(waiting.res, { result: ready.slice(0, 100) });
  }
}
