import { randomUUID } from 'node:crypto';
import type { PluginStoreTx } from '@encoder-manager/sdk';
import type { Routable } from '../routing/routable.js';
import { quietUntil } from '../routing/quiet-hours.js';
import type { Target } from '../routing/targets.js';
import { endpointKey, loadEndpoints } from './endpoints.js';

/** One message to plan: who, and how it groups. */
export interface PlannedMessage {
  readonly target: Target;
  readonly ruleId: string | null;
  readonly groupKey: string;
  readonly priority: number;
  readonly groupWindowMs: number;
  /** False for messages about failed messages, so a dead letter never cascades. */
  readonly alertOnDead: boolean;
}

/** A row just written, for `notification.queued`. */
export interface QueuedRow {
  readonly id: string;
  readonly channel: string;
  readonly recipientId: string;
}

/** Writes outbox rows through `tx` (the caller's transaction); skips flagged endpoints. */
export async function enqueue(
  tx: PluginStoreTx,
  item: Routable,
  planned: readonly PlannedMessage[],
  timing: { readonly now: number; readonly maxAgeMs: number },
): Promise<QueuedRow[]> {
  if (planned.length === 0) return [];
  const endpoints = await loadEndpoints(
    tx,
    planned.map((p) => p.target.recipient.id),
  );
  const rows: Record<string, unknown>[] = [];
  for (const p of planned) {
    const endpoint = endpoints.get(endpointKey(p.target.recipient.id, p.target.channel));
    if (endpoint?.disabledReason) continue;
    rows.push(rowFor(item, p, endpoint?.addressOverride ?? p.target.address, timing));
  }
  for (let i = 0; i < rows.length; i += 100) await tx.table('outbox').insert(rows.slice(i, i + 100));
  return rows.map((r) => ({
    id: String(r.id),
    channel: String(r.channel),
    recipientId: String(r.recipient_id),
  }));
}

function rowFor(
  item: Routable,
  p: PlannedMessage,
  address: string,
  timing: { readonly now: number; readonly maxAgeMs: number },
): Record<string, unknown> {
  const grouped = timing.now + p.groupWindowMs;
  const notBefore = Math.max(grouped, quietUntil(p.target.recipient.quietHours, item.severity, grouped) ?? 0);
  return {
    id: randomUUID(),
    event_type: item.eventType,
    fingerprint: item.fingerprint ?? null,
    rule_id: p.ruleId,
    recipient_id: p.target.recipient.id,
    channel: p.target.channel,
    address,
    group_key: p.groupKey,
    priority: p.priority,
    severity: item.severity,
    context: JSON.stringify(item.context),
    alert_on_dead: p.alertOnDead,
    created_at: item.at,
    not_before: notBefore,
    next_attempt_at: notBefore,
    expires_at: notBefore + timing.maxAgeMs,
    group_window_ms: p.groupWindowMs,
    status: 'pending',
    attempts: 0,
  };
}
