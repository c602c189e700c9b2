import type { Clock } from '@encoder-manager/sdk';
import type { KeyRecord } from './record.js';

const MAX_ENTRIES = 10_000;

/**
 * Recently looked-up keys by digest, for `ttlMs`. Keeps the database out of the hot path while bounding
 * how long a revocation made by another agent sharing the database can go unnoticed.
 */
export class KeyCache {
  readonly #entries = new Map<string, { record: KeyRecord; until: number }>();

  constructor(
    private readonly clock: Clock,
    private readonly ttlMs: number,
  ) {}

  get(digest: string): KeyRecord | undefined {
    const entry = this.#entries.get(digest);
    if (!entry) return undefined;
    if (this.clock.now() < entry.until) return entry.record;
    this.#entries.delete(digest);
    return undefined;
  }

  set(digest: string, record: KeyRecord): void {
    if (this.ttlMs === 0) return;
    if (this.#entries.size >= MAX_ENTRIES) this.#entries.delete(this.#entries.keys().next().value!);
    this.#entries.set(digest, { record, until: this.clock.now() + this.ttlMs });
  }

  /** Forgets a key at once (revoked or rotated here). */
  forget(id: string): void {
    for (const [digest, entry] of this.#entries) if (entry.record.id === id) this.#entries.delete(digest);
  }
}
