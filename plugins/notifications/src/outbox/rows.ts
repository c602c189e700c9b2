import type { Severity } from '@encoder-manager/sdk';
import type { RowContext } from '../routing/routable.js';

/** Where a row is in its life. `suppressed`: merged into a batch whose net change was nothing. */
export type OutboxStatus = 'pending' | 'sending' | 'sent' | 'dead' | 'suppressed';

/** One notification: one message to one recipient on one channel, as stored. */
export interface OutboxRow {
  readonly id: string;
  readonly eventType: string;
  readonly fingerprint: string | null;
  readonly ruleId: string | null;
  readonly recipientId: string;
  readonly channel: string;
  readonly address: string;
  readonly groupKey: string;
  readonly priority: number;
  readonly severity: Severity;
  readonly context: RowContext;
  readonly alertOnDead: boolean;
  readonly createdAt: number;
  /** When it was meant to go out: after the grouping window and quiet hours. Lateness counts from here. */
  readonly notBefore: number;
  readonly nextAttemptAt: number;
  readonly expiresAt: number;
  readonly groupWindowMs: number;
  readonly status: OutboxStatus;
  readonly batchId: string | null;
  readonly attempts: number;
  readonly claimedBy: string | null;
  readonly claimedUntil: number | null;
  readonly lastError: string | null;
  readonly sentAt: number | null;
  readonly deadAt: number | null;
}

type DbRow = Record<string, unknown>;

/** PostgreSQL returns bigint as a string; SQLite as a number. */
export function num(value: unknown): number {
  return typeof value === 'number' ? value : Number(value);
}

function optNum(value: unknown): number | null {
  return value === null || value === undefined ? null : num(value);
}

function optStr(value: unknown): string | null {
  return value === null || value === undefined ? null : String(value);
}

/** Reads a stored row. */
export function fromDb(r: DbRow): OutboxRow {
  return {
    id: String(r.id),
    eventType: String(r.event_type),
    fingerprint: optStr(r.fingerprint),
    ruleId: optStr(r.rule_id),
    recipientId: String(r.recipient_id),
    channel: String(r.channel),
    address: String(r.address),
    groupKey: String(r.group_key),
    priority: num(r.priority),
    severity: String(r.severity) as Severity,
    context: JSON.parse(String(r.context)) as RowContext,
    alertOnDead: Boolean(r.alert_on_dead),
    createdAt: num(r.created_at),
    notBefore: num(r.not_before),
    nextAttemptAt: num(r.next_attempt_at),
    expiresAt: num(r.expires_at),
    groupWindowMs: num(r.group_window_ms),
    status: String(r.status) as OutboxStatus,
    batchId: optStr(r.batch_id),
    attempts: num(r.attempts),
    claimedBy: optStr(r.claimed_by),
    claimedUntil: optNum(r.claimed_until),
    lastError: optStr(r.last_error),
    sentAt: optNum(r.sent_at),
    deadAt: optNum(r.dead_at),
  };
}
