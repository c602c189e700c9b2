import type { Clock } from '@encoder-manager/sdk';
import { checkToken, digestOf, generateToken } from '../keys/format.js';

const MAX_OUTSTANDING = 10_000;

/**
 * Single-use WebSocket tickets for browsers, which cannot set headers on an upgrade. A ticket is a
 * short-lived `em_wst_…` token bound to the key that asked for it; only its digest is kept, and it is
 * deleted the moment it is redeemed or seen expired.
 */
export class TicketStore {
  readonly #tickets = new Map<string, { keyId: string; expiresAt: number }>();

  constructor(
    private readonly clock: Clock,
    private readonly ttlSec: number,
  ) {}

  issue(keyId: string): { ticket: string; expiresAt: number } {
    this.#sweep();
    if (this.#tickets.size >= MAX_OUTSTANDING) this.#tickets.delete(this.#tickets.keys().next().value!);
    const ticket = generateToken('wst');
    const expiresAt = this.clock.now() + this.ttlSec * 1000;
    this.#tickets.set(digestOf(ticket), { keyId, expiresAt });
    return { ticket, expiresAt };
  }

  /** The key id behind a valid, unused, unexpired ticket; the ticket is spent either way. */
  redeem(ticket: string): string | undefined {
    if (checkToken(ticket) !== 'wst') return undefined;
    const digest = digestOf(ticket);
    const entry = this.#tickets.get(digest);
    this.#tickets.delete(digest);
    if (!entry || this.clock.now() >= entry.expiresAt) return undefined;
    return entry.keyId;
  }

  #sweep(): void {
    const now = this.clock.now();
    for (const [digest, entry] of this.#tickets) if (now >= entry.expiresAt) this.#tickets.delete(digest);
  }
}
