import type { FailoverRecord, PluginStore } from '@encoder-manager/sdk';

interface Row {
  id: string;
  channel: string;
  kind: string;
  from_encoder: string | null;
  to_encoder: string | null;
  reason: string;
  detected_at: number | string;
  decided_at: number | string | null;
  commanded_at: number | string | null;
  confirmed_at: number | string | null;
  outcome: string;
  error: string | null;
  merged_triggers: number;
}

const optional = (value: number | string | null) => (value === null ? undefined : Number(value));

/** Failover records in `failover_events`, written at start and again when the outcome is known. */
export class FailoverRecords {
  constructor(private readonly store: PluginStore) {}

  async save(record: FailoverRecord): Promise<void> {
    await this.store.table('events').insert(toRow(record)).onConflict('id').merge();
  }

  async history(query: { channel?: string; limit?: number }): Promise<FailoverRecord[]> {
    let builder = this.store
      .table('events')
      .orderBy('detected_at', 'desc')
      .limit(Math.min(query.limit ?? 50, 500));
    if (query.channel) builder = builder.where('channel', query.channel);
    return ((await builder) as Row[]).map(fromRow);
  }
}

function toRow(record: FailoverRecord): Row {
  return {
    id: record.id,
    channel: record.channel,
    kind: record.kind,
    from_encoder: record.from ?? null,
    to_encoder: record.to ?? null,
    reason: record.reason,
    detected_at: record.detectedAt,
    decided_at: record.decidedAt ?? null,
    commanded_at: record.commandedAt ?? null,
    confirmed_at: record.confirmedAt ?? null,
    outcome: record.outcome,
    error: record.error ?? null,
    merged_triggers: record.mergedTriggers,
  };
}

function fromRow(row: Row): FailoverRecord {
  return {
    id: row.id,
    channel: row.channel,
    kind: row.kind as FailoverRecord['kind'],
    from: row.from_encoder ?? undefined,
    to: row.to_encoder ?? undefined,
    reason: row.reason,
    detectedAt: Number(row.detected_at),
    decidedAt: optional(row.decided_at),
    commandedAt: optional(row.commanded_at),
    confirmedAt: optional(row.confirmed_at),
    outcome: row.outcome as FailoverRecord['outcome'],
    error: row.error ?? undefined,
    mergedTriggers: Number(row.merged_triggers),
  };
}
