import type { PluginStoreTx } from '@encoder-manager/sdk';
import { enqueue, type PlannedMessage, type QueuedRow } from '../outbox/enqueue.js';
import { lockForClaim } from '../outbox/lock.js';
import { planRuleMessages } from '../routing/plan.js';
import { alertRoutable, type Routable } from '../routing/routable.js';
import { uniqueTargets } from '../routing/targets.js';
import type { Runtime } from '../runtime.js';
import type { Rule } from '../settings/model.js';
import { loadState, saveState, type AlertRuleState } from './alert-state.js';
import { timerFromDb, type TimerRow } from './timers.js';

/**
 * Fires the escalation steps and repeat reminders that are due, each timer in its own transaction with
 * the rows it queues, so a crash never loses or doubles one. Timers of resolved, acknowledged or
 * deleted rules are dropped.
 */
export async function runDueTimers(rt: Runtime, limit: number): Promise<QueuedRow[]> {
  const queued: QueuedRow[] = [];
  for (let i = 0; i < limit; i += 1) {
    const rows = await rt.store.transaction(async (tx) => {
      const query = tx.table('timers').where('due_at', '<=', rt.clock.now()).orderBy('due_at').limit(1);
      const found = (await lockForClaim(rt.store.dialect, query)) as Record<string, unknown>[];
      const first = found[0];
      return first ? fireTimer(rt, tx, timerFromDb(first)) : undefined;
    });
    if (rows === undefined) break;
    queued.push(...rows);
  }
  return queued;
}

async function fireTimer(rt: Runtime, tx: PluginStoreTx, timer: TimerRow): Promise<QueuedRow[]> {
  const rule = rt.settings().rules.find((r) => r.id === timer.ruleId);
  const state = await loadState(tx, timer.ruleId, timer.fingerprint);
  if (!rule || !state || state.state !== 'firing' || state.acknowledgedAt !== null) {
    await tx.table('timers').where({ id: timer.id }).delete();
    return [];
  }
  const now = rt.clock.now();
  const planned =
    timer.kind === 'escalation'
      ? await escalate(rt, tx, rule, timer, state)
      : await repeat(rt, tx, rule, timer, state);
  return enqueue(tx, planned.item, planned.messages, { now, maxAgeMs: rt.delivery.maxAgeMs });
}

interface Plan {
  readonly item: Routable;
  readonly messages: PlannedMessage[];
}

async function escalate(
  rt: Runtime,
  tx: PluginStoreTx,
  rule: Rule,
  timer: TimerRow,
  state: AlertRuleState,
): Promise<Plan> {
  await tx.table('timers').where({ id: timer.id }).delete();
  const step = rule.escalation[timer.step];
  const item = withAlertContext(timer, timer.step + 1, null, rt.clock.now());
  if (!step) return { item, messages: [] };
  const level = Math.max(state.escalationLevel, timer.step + 1);
  await saveState(tx, rule.id, timer.fingerprint, { ...state, escalationLevel: level }, rt.clock.now());
  const audience = { roles: step.roles, channels: step.channels };
  const messages = planRuleMessages(rt.settings(), rule, item, `escalation-${timer.step + 1}`, audience);
  return { item, messages: messages.map(immediate) };
}

async function repeat(
  rt: Runtime,
  tx: PluginStoreTx,
  rule: Rule,
  timer: TimerRow,
  state: AlertRuleState,
): Promise<Plan> {
  const every = rule.repeatEveryMs;
  if (every === undefined) await tx.table('timers').where({ id: timer.id }).delete();
  else
    await tx
      .table('timers')
      .where({ id: timer.id })
      .update({ due_at: timer.dueAt + every, step: timer.step + 1 });
  const item = withAlertContext(timer, null, timer.step + 1, rt.clock.now());
  const escalated = rule.escalation.slice(0, state.escalationLevel).flatMap((s) => s.roles);
  const audience = {
    roles: [...rule.roles, ...escalated],
    recipients: rule.recipients,
    channels: rule.channels,
  };
  const messages = uniqueTargets(planRuleMessages(rt.settings(), rule, item, 'repeat', audience));
  return { item, messages: messages.map(immediate) };
}

/** Escalations and reminders have already waited; they skip the grouping window. */
function immediate(message: PlannedMessage): PlannedMessage {
  return { ...message, groupWindowMs: 0 };
}

function withAlertContext(
  timer: TimerRow,
  escalationStep: number | null,
  repeatCount: number | null,
  at: number,
): Routable {
  const base = alertRoutable(timer.alert, 'firing', at);
  return {
    ...base,
    context: { kind: 'alert', alert: timer.alert, previous: 'firing', escalationStep, repeat: repeatCount },
  };
}
