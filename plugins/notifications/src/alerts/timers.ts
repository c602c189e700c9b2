import { randomUUID } from 'node:crypto';
import type { Alert, PluginStoreTx } from '@encoder-manager/sdk';
import { num } from '../outbox/rows.js';
import type { Rule } from '../settings/model.js';

/** An escalation step or a repeat reminder, due at a time. */
export interface TimerRow {
  readonly id: string;
  readonly kind: 'escalation' | 'repeat';
  readonly ruleId: string;
  readonly fingerprint: string;
  /** Escalation: index into the rule's steps. Repeat: reminders already sent. */
  readonly step: number;
  readonly dueAt: number;
  readonly alert: Alert;
}

/** Writes the escalation steps and the first repeat reminder of a rule for a newly notified firing. */
export async function scheduleTimers(
  tx: PluginStoreTx,
  rule: Rule,
  alert: Alert,
  now: number,
): Promise<void> {
  const rows = rule.escalation.map((step, index) =>
    timerRow('escalation', rule, alert, index, now + step.afterMs),
  );
  if (rule.repeatEveryMs !== undefined)
    rows.push(timerRow('repeat', rule, alert, 0, now + rule.repeatEveryMs));
  if (rows.length > 0) await tx.table('timers').insert(rows);
}

function timerRow(kind: TimerRow['kind'], rule: Rule, alert: Alert, step: number, dueAt: number) {
  return {
    id: randomUUID(),
    kind,
    rule_id: rule.id,
    fingerprint: alert.fingerprint,
    step,
    due_at: dueAt,
    alert: JSON.stringify(alert),
  };
}

/** Deletes an alert's timers (all rules, or one); resolves to how many were removed. */
export async function cancelTimers(tx: PluginStoreTx, fingerprint: string, ruleId?: string): Promise<number> {
  const query = tx.table('timers').where({ fingerprint });
  if (ruleId !== undefined) query.andWhere({ rule_id: ruleId });
  return query.delete();
}

/** Reads a stored timer. */
export function timerFromDb(r: Record<string, unknown>): TimerRow {
  return {
    id: String(r.id),
    kind: String(r.kind) as TimerRow['kind'],
    ruleId: String(r.rule_id),
    fingerprint: String(r.fingerprint),
    step: num(r.step),
    dueAt: num(r.due_at),
    alert: JSON.parse(String(r.alert)) as Alert,
  };
}
