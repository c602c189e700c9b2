import { inactiveReason, type KeyRecord } from './record.js';

const DAY_MS = 86_400_000;

/** A key's state for listings. */
export type KeyState = 'active' | 'grace' | 'expired' | 'revoked';

/** A key as the API and CLI show it: never the secret or its digest, only the last four characters. */
export interface KeyView {
  readonly id: string;
  readonly name: string;
  readonly scope: string;
  readonly sites?: readonly string[];
  readonly hint: string;
  readonly state: KeyState;
  readonly createdAt: number;
  readonly createdBy: string;
  readonly expiresAt: number;
  readonly revokedAt?: number;
  readonly rotatedFrom?: string;
  readonly replacedBy?: string;
  readonly lastUsedAt?: number;
  readonly lastUsedIp?: string;
  /** Not used for `staleAfterDays` (or never used since then): a candidate for revocation. */
  readonly stale: boolean;
}

/** The listing form of a key. */
export function viewOf(key: KeyRecord, now: number, staleAfterDays: number): KeyView {
  const reason = inactiveReason(key, now);
  const state: KeyState = reason ?? (key.replacedBy ? 'grace' : 'active');
  const lastActivity = key.lastUsedAt ?? key.createdAt;
  return {
    id: key.id,
    name: key.name,
    scope: key.scope,
    ...(key.sites ? { sites: key.sites } : {}),
    hint: `em_api_…${key.last4}`,
    state,
    createdAt: key.createdAt,
    createdBy: key.createdBy,
    expiresAt: key.expiresAt,
    ...defined({ revokedAt: key.revokedAt, rotatedFrom: key.rotatedFrom, replacedBy: key.replacedBy }),
    ...defined({ lastUsedAt: key.lastUsedAt, lastUsedIp: key.lastUsedIp }),
    stale: state === 'active' && now - lastActivity > staleAfterDays * DAY_MS,
  };
}

/** The entries whose value is not undefined. */
function defined<T extends Record<string, unknown>>(values: T): Partial<T> {
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined)) as Partial<T>;
}
