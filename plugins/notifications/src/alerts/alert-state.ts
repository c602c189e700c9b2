import type { AlertState, AlertTransition, PluginStoreTx } from '@encoder-manager/sdk';
import { num } from '../outbox/rows.js';
import type { Rule } from '../settings/model.js';

/** What one rule remembers about one alert. */
export interface AlertRuleState {
  readonly state: AlertState;
  /** Firings counted for `firstAfter`, within the occurrence window. */
  readonly occurrences: number;
  readonly windowStartedAt: number;
  /** A firing message was queued in the current incident, so its resolution is worth a message. */
  readonly notified: boolean;
  /** Escalation steps already taken in this incident. */
  readonly escalationLevel: number;
  readonly acknowledgedAt: number | null;
}

/** What to do about a transition under one rule. */
export interface Decision {
  readonly notify: boolean;
  readonly next: AlertRuleState;
  readonly startTimers: boolean;
  readonly cancelTimers: boolean;
}

/**
 * Applies state-change-only, first-after-N and "resolved only if firing was sent" to one transition.
 * Undefined means the rule ignores it (and nothing is stored). State-change-only compares with the
 * state this rule last saw, not the engine's previous state: a firing→firing transition is news to a
 * rule that never saw the alert fire (its suppression just lifted, or it just became severe enough).
 */
export function decide(
  rule: Rule,
  prev: AlertRuleState | undefined,
  t: AlertTransition,
): Decision | undefined {
  const state = t.alert.state;
  if (rule.stateChangeOnly && prev?.state === state) return undefined;
  if (state === 'firing') {
    const inWindow = prev !== undefined && t.at - prev.windowStartedAt <= rule.occurrenceWindowMs;
    const occurrences = inWindow ? prev.occurrences + 1 : 1;
    const notify = occurrences >= rule.firstAfter;
    const next: AlertRuleState = {
      state,
      occurrences,
      windowStartedAt: inWindow ? prev.windowStartedAt : t.at,
      notified: notify || (prev?.notified ?? false),
      escalationLevel: 0,
      acknowledgedAt: null,
    };
    return { notify, next, startTimers: notify, cancelTimers: true };
  }
  if (state === 'resolved') {
    const base = prev ?? { occurrences: 0, windowStartedAt: t.at };
    const next: AlertRuleState = {
      ...base,
      state,
      notified: false,
      escalationLevel: 0,
      acknowledgedAt: null,
    };
    return { notify: prev?.notified ?? false, next, startTimers: false, cancelTimers: true };
  }
  // `pending` reaches here only when a rule asks for alert.pending explicitly.
  const next = prev
    ? { ...prev, state }
    : {
        state,
        occurrences: 0,
        windowStartedAt: t.at,
        notified: false,
        escalationLevel: 0,
        acknowledgedAt: null,
      };
  return { notify: true, next, startTimers: false, cancelTimers: false };
}

/** The stored state of a rule for an alert. */
export async function loadState(
  tx: PluginStoreTx,
  ruleId: string,
  fingerprint: string,
): Promise<AlertRuleState | undefined> {
  const row = (await tx.table('alert_state').where({ rule_id: ruleId, fingerprint }).first()) as
    Record<string, unknown> | undefined;
  if (!row) return undefined;
  return {
    state: String(row.state) as AlertState,
    occurrences: num(row.occurrences),
    windowStartedAt: num(row.window_started_at),
    notified: Boolean(row.notified),
    escalationLevel: num(row.escalation_level),
    acknowledgedAt: row.acknowledged_at === null ? null : num(row.acknowledged_at),
  };
}

/** Stores the state of a rule for an alert. */
export async function saveState(
  tx: PluginStoreTx,
  ruleId: string,
  fingerprint: string,
  s: AlertRuleState,
  now: number,
): Promise<void> {
  const values = {
    state: s.state,
    occurrences: s.occurrences,
    window_started_at: s.windowStartedAt,
    notified: s.notified,
    escalation_level: s.escalationLevel,
    acknowledged_at: s.acknowledgedAt,
    updated_at: now,
  };
  await tx
    .table('alert_state')
    .insert({ rule_id: ruleId, fingerprint, ...values })
    .onConflict(['rule_id', 'fingerprint'])
    .merge(Object.keys(values));
}
