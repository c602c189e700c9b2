import type { PluginStore, PluginStoreTx } from '@encoder-manager/sdk';
import { lockForClaim } from './lock.js';
import { fromDb, type OutboxRow } from './rows.js';

/** Rows sent as one message; `id` (the first row's id) is the message's stable id. */
export interface Batch {
  readonly id: string;
  readonly rows: readonly OutboxRow[];
}

/** Who claims, until when. */
export interface ClaimOptions {
  readonly now: number;
  readonly workerId: string;
  readonly leaseMs: number;
  readonly limit: number;
  /** Only these rows (a test send); default every due row. */
  readonly ids?: readonly string[];
}

/** At most this many rows are merged into one message. */
const MAX_BATCH_ROWS = 50;

/**
 * Claims due work in one transaction: pending rows whose time has come and rows whose previous claim's
 * lease ran out (a sender died mid-send). A fresh row becomes a batch with every other fresh row of its
 * group (same group key, recipient and channel) due within its grouping window; a retried or abandoned
 * batch keeps its rows and id, so the notifier sees the same message id again.
 */
export async function claimBatches(store: PluginStore, options: ClaimOptions): Promise<Batch[]> {
  return store.transaction(async (tx) => {
    const candidates = await dueRows(store.dialect, tx, options);
    const batches: Batch[] = [];
    const taken = new Set<string>();
    for (const row of candidates) {
      if (taken.has(row.id)) continue;
      const members = row.batchId
        ? await batchRows(store.dialect, tx, row.batchId)
        : await groupRows(store.dialect, tx, row, options.now);
      const fresh = members.filter((m) => !taken.has(m.id));
      if (fresh.length === 0) continue;
      const id = row.batchId ?? row.id;
      await tx
        .table('outbox')
        .whereIn(
          'id',
          fresh.map((m) => m.id),
        )
        .update({
          status: 'sending',
          batch_id: id,
          claimed_by: options.workerId,
          claimed_until: options.now + options.leaseMs,
        });
      fresh.forEach((m) => taken.add(m.id));
      batches.push({ id, rows: fresh.map((m) => ({ ...m, batchId: id })) });
    }
    return batches;
  });
}

async function dueRows(
  dialect: PluginStore['dialect'],
  tx: PluginStoreTx,
  o: ClaimOptions,
): Promise<OutboxRow[]> {
  const query = tx
    .table('outbox')
    .where((q) => {
      void q
        .where((p) => void p.where('status', 'pending').andWhere('next_attempt_at', '<=', o.now))
        .orWhere((s) => void s.where('status', 'sending').andWhere('claimed_until', '<=', o.now));
    })
    .orderBy([{ column: 'priority' }, { column: 'next_attempt_at' }, { column: 'id' }])
    .limit(o.limit);
  if (o.ids) void query.whereIn('id', [...o.ids]);
  return ((await lockForClaim(dialect, query)) as Record<string, unknown>[]).map(fromDb);
}

async function batchRows(
  dialect: PluginStore['dialect'],
  tx: PluginStoreTx,
  batchId: string,
): Promise<OutboxRow[]> {
  const query = tx
    .table('outbox')
    .where({ batch_id: batchId })
    .whereIn('status', ['pending', 'sending'])
    .orderBy('created_at');
  return ((await lockForClaim(dialect, query)) as Record<string, unknown>[]).map(fromDb);
}

async function groupRows(
  dialect: PluginStore['dialect'],
  tx: PluginStoreTx,
  leader: OutboxRow,
  now: number,
): Promise<OutboxRow[]> {
  const query = tx
    .table('outbox')
    .where({
      group_key: leader.groupKey,
      recipient_id: leader.recipientId,
      channel: leader.channel,
      status: 'pending',
    })
    .whereNull('batch_id')
    .andWhere('not_before', '<=', now + leader.groupWindowMs)
    .orderBy([{ column: 'created_at' }, { column: 'id' }])
    .limit(MAX_BATCH_ROWS);
  const rows = ((await lockForClaim(dialect, query)) as Record<string, unknown>[]).map(fromDb);
  // The leader is always part of its own batch, even if the limit cut it off.
  return rows.some((r) => r.id === leader.id) ? rows : [leader, ...rows.slice(0, MAX_BATCH_ROWS - 1)];
}
