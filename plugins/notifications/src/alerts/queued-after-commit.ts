import type { Alert, AlertTransition } from '@encoder-manager/sdk';
import type { QueuedRow } from '../outbox/enqueue.js';
import { publishQueued, type Runtime } from '../runtime.js';

const FORGET_AFTER_MS = 5 * 60_000;

/**
 * `notification.queued` must not announce rows that a rolled-back transaction never committed, and the
 * participant cannot see the commit. The alert engine publishes `alert.firing`/`alert.resolved` after
 * it commits, so rows are announced when that event arrives; rows of a rolled-back transition are
 * forgotten after five minutes.
 */
export class QueuedAfterCommit {
  readonly #pending = new Map<string, { readonly at: number; readonly rows: readonly QueuedRow[] }[]>();

  constructor(private readonly rt: Runtime) {}

  /** Remembers rows written inside an alert transition that has not committed yet. */
  recorded(transition: AlertTransition, rows: readonly QueuedRow[]): void {
    this.#prune();
    if (rows.length === 0) return;
    const key = transition.alert.fingerprint;
    this.#pending.set(key, [...(this.#pending.get(key) ?? []), { at: this.rt.clock.now(), rows }]);
  }

  /** The engine published the alert: its transition committed, so its rows are queued for real. */
  confirmed(alert: Alert): void {
    const entries = this.#pending.get(alert.fingerprint);
    if (!entries) return;
    this.#pending.delete(alert.fingerprint);
    for (const entry of entries) publishQueued(this.rt, entry.rows);
  }

  #prune(): void {
    const cutoff = this.rt.clock.now() - FORGET_AFTER_MS;
    for (const [key, entries] of this.#pending) {
      const kept = entries.filter((entry) => entry.at >= cutoff);
      if (kept.length === 0) this.#pending.delete(key);
      else this.#pending.set(key, kept);
    }
  }
}
