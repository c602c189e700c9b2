import type { Logger } from '@encoder-manager/sdk';
import type { KeyRepository } from './repository.js';

/**
 * Last-used time and address per key, kept in memory and written in one batch per flush, so a busy
 * client does not turn every request into a database write.
 */
export class LastUsedBuffer {
  readonly #pending = new Map<string, { at: number; ip: string }>();

  constructor(
    private readonly repository: KeyRepository,
    private readonly log: Logger,
  ) {}

  mark(id: string, at: number, ip: string): void {
    this.#pending.set(id, { at, ip });
  }

  get size(): number {
    return this.#pending.size;
  }

  /** Writes what is pending; a failed write is logged and the entry kept for the next flush. */
  async flush(): Promise<number> {
    const batch = [...this.#pending];
    this.#pending.clear();
    let written = 0;
    for (const [id, use] of batch) {
      try {
        await this.repository.touch(id, use.at, use.ip);
        written += 1;
      } catch (error) {
        if (!this.#pending.has(id)) this.#pending.set(id, use);
        this.log.warn({ err: error, keyId: id }, 'cannot record API key last use');
      }
    }
    return written;
  }
}
