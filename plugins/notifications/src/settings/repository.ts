import type { PluginStore } from '@encoder-manager/sdk';

/** The kinds of documents in `notifications_settings`. */
export type SettingsKind = 'recipient' | 'rule' | 'role' | 'template' | 'channel';

/** A stored settings document. */
export interface StoredDoc {
  readonly kind: SettingsKind;
  readonly id: string;
  readonly doc: unknown;
}

/** Settings documents written through the service, one row per item, JSON in `doc`. */
export class SettingsRepository {
  constructor(
    private readonly store: PluginStore,
    private readonly now: () => number,
  ) {}

  /** Every stored document; unreadable JSON is returned as `undefined` for the loader to report. */
  async all(): Promise<StoredDoc[]> {
    const rows = (await this.store.table('settings').select('kind', 'id', 'doc').orderBy(['kind', 'id'])) as {
      kind: string;
      id: string;
      doc: string;
    }[];
    return rows.map((row) => ({ kind: row.kind as SettingsKind, id: row.id, doc: parseJson(row.doc) }));
  }

  async get(kind: SettingsKind, id: string): Promise<unknown> {
    const row = (await this.store.table('settings').where({ kind, id }).first()) as
      { doc: string } | undefined;
    return row ? parseJson(row.doc) : undefined;
  }

  async put(kind: SettingsKind, id: string, doc: unknown): Promise<void> {
    await this.store
      .table('settings')
      .insert({ kind, id, doc: JSON.stringify(doc), updated_at: this.now() })
      .onConflict(['kind', 'id'])
      .merge(['doc', 'updated_at']);
  }

  /** Resolves to true when something was deleted. */
  async delete(kind: SettingsKind, id: string): Promise<boolean> {
    return (await this.store.table('settings').where({ kind, id }).delete()) > 0;
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** The id of a template document. */
export function templateId(eventType: string, channel: string): string {
  return `${eventType}|${channel}`;
}
