/** One event as the stream keeps it: position, time, name, payload and who may see it. */
export interface StreamEntry {
  readonly seq: number;
  readonly ts: number;
  readonly type: string;
  readonly data: unknown;
  readonly labels: Readonly<Record<string, string>>;
  /** Sites the event belongs to; empty when it is not about one site (only unrestricted keys see it). */
  readonly sites: readonly string[];
}

/**
 * The last events, bounded by count and age, so a client that reconnects within the window gets exactly
 * what it missed; an older position can only be answered with a snapshot.
 */
export class ReplayRing {
  #entries: StreamEntry[] = [];

  constructor(
    private readonly maxEntries: number,
    private readonly maxAgeMs: number,
  ) {}

  push(entry: StreamEntry): void {
    if (this.maxEntries === 0) return;
    this.#entries.push(entry);
    if (this.#entries.length > this.maxEntries * 2) this.#entries = this.#entries.slice(-this.maxEntries);
  }

  /**
   * Every kept entry after `since`, or undefined when entries after `since` were already dropped (too old)
   * or `since` is ahead of the stream.
   */
  since(since: number, lastSeq: number, now: number): StreamEntry[] | undefined {
    if (since > lastSeq) return undefined;
    const kept = this.#kept(now);
    if (since === lastSeq) return [];
    const oldest = kept[0];
    if (!oldest || oldest.seq > since + 1) return undefined;
    return kept.filter((entry) => entry.seq > since);
  }

  #kept(now: number): StreamEntry[] {
    const fresh = this.#entries.slice(-this.maxEntries).filter((entry) => now - entry.ts <= this.maxAgeMs);
    this.#entries = fresh;
    return fresh;
  }
}
