import type { PluginStoreTx } from '@encoder-manager/sdk';
import type { KeyRecord } from './record.js';
import type { Scope } from './scopes.js';

interface KeyRow {
  id: string;
  name: string;
  digest: string;
  last4: string;
  scope: string;
  sites: string | null;
  created_at: number | string;
  created_by: string;
  expires_at: number | string;
  revoked_at: number | string | null;
  revoked_by: string | null;
  rotated_from: string | null;
  replaced_by: string | null;
  last_used_at: number | string | null;
  last_used_ip: string | null;
  expiry_notice: number | null;
}

const optionalNumber = (value: number | string | null) => (value === null ? undefined : Number(value));
const optional = <T>(value: T | null) => (value === null ? undefined : value);

function fromRow(row: KeyRow): KeyRecord {
  return {
    id: row.id,
    name: row.name,
    scope: row.scope as Scope,
    sites: row.sites === null ? undefined : (JSON.parse(row.sites) as string[]),
    last4: row.last4,
    createdAt: Number(row.created_at),
    createdBy: row.created_by,
    expiresAt: Number(row.expires_at),
    revokedAt: optionalNumber(row.revoked_at),
    revokedBy: optional(row.revoked_by),
    rotatedFrom: optional(row.rotated_from),
    replacedBy: optional(row.replaced_by),
    lastUsedAt: optionalNumber(row.last_used_at),
    lastUsedIp: optional(row.last_used_ip),
    expiryNotice: optional(row.expiry_notice),
  };
}

/**
 * The `api_keys` table, on the plugin store or inside one of its transactions. PostgreSQL returns bigint
 * columns as strings; they are read back as numbers.
 */
export class KeyRepository {
  constructor(private readonly store: PluginStoreTx) {}

  async insert(record: KeyRecord, digest: string): Promise<void> {
    await this.store.table('keys').insert({
      id: record.id,
      name: record.name,
      digest,
      last4: record.last4,
      scope: record.scope,
      sites: record.sites ? JSON.stringify(record.sites) : null,
      created_at: record.createdAt,
      created_by: record.createdBy,
      expires_at: record.expiresAt,
      rotated_from: record.rotatedFrom ?? null,
    });
  }

  async byDigest(digest: string): Promise<KeyRecord | undefined> {
    const row = (await this.store.table('keys').where({ digest }).first()) as KeyRow | undefined;
    return row ? fromRow(row) : undefined;
  }

  async byId(id: string): Promise<KeyRecord | undefined> {
    const row = (await this.store.table('keys').where({ id }).first()) as KeyRow | undefined;
    return row ? fromRow(row) : undefined;
  }

  async list(): Promise<KeyRecord[]> {
    const rows = (await this.store.table('keys').orderBy('created_at', 'asc').orderBy('id')) as KeyRow[];
    return rows.map(fromRow);
  }

  async revoke(id: string, at: number, by: string): Promise<boolean> {
    const changed = await this.store
      .table('keys')
      .where({ id })
      .whereNull('revoked_at')
      .update({ revoked_at: at, revoked_by: by });
    return Number(changed) > 0;
  }

  /** Shortens the old key's life to the grace end and links it to its successor. */
  async markRotated(id: string, replacedBy: string, expiresAt: number): Promise<void> {
    await this.store.table('keys').where({ id }).update({ replaced_by: replacedBy, expires_at: expiresAt });
  }

  async touch(id: string, at: number, ip: string): Promise<void> {
    await this.store.table('keys').where({ id }).update({ last_used_at: at, last_used_ip: ip });
  }

  async setExpiryNotice(id: string, days: number): Promise<void> {
    await this.store.table('keys').where({ id }).update({ expiry_notice: days });
  }
}
