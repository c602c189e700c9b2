import type { AlertTransition, AlertTransitionParticipant, PluginStoreTx } from '@encoder-manager/sdk';
import { enqueue, type PlannedMessage, type QueuedRow } from '../outbox/enqueue.js';
import { matchingRules } from '../routing/match.js';
import { planRuleMessages } from '../routing/plan.js';
import { alertRoutable } from '../routing/routable.js';
import { uniqueTargets } from '../routing/targets.js';
import type { Runtime } from '../runtime.js';
import { decide, loadState, saveState } from './alert-state.js';
import { cancelTimers, scheduleTimers } from './timers.js';

/** Called with the rows a transition queued; they are committed only if the engine's transaction is. */
export type OnRecorded = (transition: AlertTransition, rows: readonly QueuedRow[]) => void;

/**
 * The outbox's half of an alert transition. Runs inside the alert engine's transaction and touches the
 * database only through `tx`, so the rows, throttle state and timers commit or roll back with the alert.
 */
export function createAlertParticipant(rt: Runtime, onRecorded: OnRecorded): AlertTransitionParticipant {
  return {
    async record(transition, tx) {
      const planned = await planTransition(rt, transition, tx);
      const rows = await enqueue(
        tx,
        alertRoutable(transition.alert, transition.previous, transition.at),
        planned,
        {
          now: rt.clock.now(),
          maxAgeMs: rt.delivery.maxAgeMs,
        },
      );
      onRecorded(transition, rows);
    },
  };
}

/**
 * A suppressed alert (silenced, inhibited, grouped into a group alert, flapping) is not announced: the
 * engine records a firing→firing transition when its suppression lifts, and that one is. A suppressed
 * resolution still closes the rule's state and timers, so no reminder or escalation outlives the alert.
 */
async function planTransition(rt: Runtime, t: AlertTransition, tx: PluginStoreTx): Promise<PlannedMessage[]> {
  const suppressed = t.alert.suppressedBy !== undefined;
  if (suppressed && t.alert.state !== 'resolved') return [];
  const settings = rt.settings();
  const item = alertRoutable(t.alert, t.previous, t.at);
  const fingerprint = t.alert.fingerprint;
  const now = rt.clock.now();
  const planned: PlannedMessage[] = [];
  for (const rule of matchingRules(settings.rules, item)) {
    const decision = decide(rule, await loadState(tx, rule.id, fingerprint), t);
    if (!decision) continue;
    await saveState(tx, rule.id, fingerprint, decision.next, now);
    if (decision.cancelTimers) await cancelTimers(tx, fingerprint, rule.id);
    if (decision.startTimers) await scheduleTimers(tx, rule, t.alert, now);
    if (decision.notify && !suppressed) planned.push(...planRuleMessages(settings, rule, item, 'state'));
  }
  return uniqueTargets(planned);
}
