import type {
  MeetingSource,
  ParsedMeeting,
  PluginStore,
  PluginStoreTx,
  ScrapeRun,
} from '@encoder-manager/sdk';
import type { SourceCache, SourceEntry, StoredSource } from '../model.js';
import { bool, json, num, optStr } from './values.js';

type Row = Record<string, unknown>;

/** `meetings_sources`: the catalog as stored, with each source's HTTP validators and cached items. */
export class SourcesTable {
  constructor(private readonly store: PluginStore) {}

  /** Writes the resolved catalog; entries no longer configured are kept but disabled. */
  async sync(entries: readonly SourceEntry[], now: number): Promise<void> {
    await this.store.transaction(async (tx) => {
      const existing = new Map(
        ((await tx.table('sources').select('name', 'url', 'type')) as Row[]).map((r) => [String(r.name), r]),
      );
      for (const entry of entries) await upsert(tx, entry, existing.get(entry.name), now);
      const names = new Set(entries.map((entry) => entry.name));
      const gone = [...existing.keys()].filter((name) => !names.has(name));
      if (gone.length > 0)
        await tx.table('sources').whereIn('name', gone).update({ enabled: false, updated_at: now });
    });
  }

  async list(): Promise<StoredSource[]> {
    const rows = (await this.store
      .table('sources')
      .select('*')
      .orderBy(['city', 'body', 'priority', 'name'])) as Row[];
    return rows.map(fromRow);
  }

  async get(name: string): Promise<StoredSource | undefined> {
    const row = (await this.store.table('sources').where({ name }).first()) as Row | undefined;
    return row ? fromRow(row) : undefined;
  }

  /** Remembers the validators and parsed items of a good document, for the next conditional request. */
  async saveCache(name: string, cache: SourceCache, now: number): Promise<void> {
    await this.store
      .table('sources')
      .where({ name })
      .update({
        etag: cache.etag ?? null,
        last_modified: cache.lastModified ?? null,
        cached_items: cache.items ? JSON.stringify(cache.items) : null,
        updated_at: now,
      });
  }
}

async function upsert(
  tx: PluginStoreTx,
  entry: SourceEntry,
  existing: Row | undefined,
  now: number,
): Promise<void> {
  const definition = {
    city: entry.city,
    body: entry.body,
    type: entry.type,
    url: entry.url,
    options: JSON.stringify(entry.options),
    time_zone: entry.timeZone,
    priority: entry.priority,
    merge: entry.merge,
    interval_min: entry.intervalMin,
    enabled: entry.enabled,
    origin: entry.origin,
    updated_at: now,
  };
  if (!existing) {
    await tx.table('sources').insert({ name: entry.name, ...definition });
    return;
  }
  // A new URL or parser makes the old validators and cached items meaningless.
  const changed = existing.url !== entry.url || existing.type !== entry.type;
  const reset = changed ? { etag: null, last_modified: null, cached_items: null } : {};
  await tx
    .table('sources')
    .where({ name: entry.name })
    .update({ ...definition, ...reset });
}

function fromRow(row: Row): StoredSource {
  const etag = optStr(row.etag);
  const lastModified = optStr(row.last_modified);
  const items = json<ParsedMeeting[] | undefined>(row.cached_items, undefined);
  return {
    name: String(row.name),
    city: String(row.city),
    body: String(row.body),
    type: String(row.type),
    url: String(row.url),
    timeZone: String(row.time_zone),
    priority: num(row.priority),
    merge: bool(row.merge),
    intervalMin: num(row.interval_min),
    enabled: bool(row.enabled),
    options: json<Record<string, unknown>>(row.options, {}),
    origin: row.origin === 'config' ? 'config' : 'catalog',
    ...(etag ? { etag } : {}),
    ...(lastModified ? { lastModified } : {}),
    ...(items ? { items } : {}),
  };
}

/** The service view of a stored source: its definition and latest run, without the cache. */
export function toPublicSource(source: StoredSource, lastRun: ScrapeRun | undefined): MeetingSource {
  return {
    name: source.name,
    city: source.city,
    body: source.body,
    type: source.type,
    url: source.url,
    timeZone: source.timeZone,
    priority: source.priority,
    merge: source.merge,
    intervalMin: source.intervalMin,
    enabled: source.enabled,
    origin: source.origin,
    ...(lastRun ? { lastRun } : {}),
  };
}
