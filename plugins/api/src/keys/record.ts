import type { Scope } from './scopes.js';

/** An API key as stored, without its secret (only the digest is stored, and never leaves the store). */
export interface KeyRecord {
  readonly id: string;
  readonly name: string;
  readonly scope: Scope;
  /** Site label values this key is limited to; undefined = every site. */
  readonly sites?: readonly string[];
  readonly last4: string;
  readonly createdAt: number;
  readonly createdBy: string;
  readonly expiresAt: number;
  readonly revokedAt?: number;
  readonly revokedBy?: string;
  readonly rotatedFrom?: string;
  readonly replacedBy?: string;
  readonly lastUsedAt?: number;
  readonly lastUsedIp?: string;
  readonly expiryNotice?: number;
}

/** Why a stored key does not authenticate right now, or undefined when it does. */
export function inactiveReason(record: KeyRecord, now: number): 'revoked' | 'expired' | undefined {
  if (record.revokedAt !== undefined) return 'revoked';
  return now >= record.expiresAt ? 'expired' : undefined;
}

/** True when the key may see objects of `site` (an undefined site is visible to unrestricted keys only). */
export function seesSite(record: Pick<KeyRecord, 'sites'>, site: string | undefined): boolean {
  if (!record.sites) return true;
  return site !== undefined && record.sites.includes(site);
}
