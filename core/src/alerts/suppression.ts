import type { AlertSuppression, Silence } from '@encoder-manager/sdk';
import { matchesAll } from './matchers.js';
import type { InhibitRule } from './policy.js';
import type { AlertRecord } from './record.js';
import { silencing } from './silences.js';

/** Why (and by what) an alert's notifications are held back right now, or undefined. */
export interface Verdict {
  readonly by?: AlertSuppression;
  readonly ref?: string;
}

/**
 * Precedence: silence (an operator said so) → inhibition (a parent is down) → group (a group alert
 * speaks for it) → flapping. Only the alert's notifications are affected, never its state.
 */
export function suppressionOf(
  alert: AlertRecord,
  context: {
    silences: readonly Silence[];
    firing: readonly AlertRecord[];
    rules: readonly InhibitRule[];
    groupRef?: string;
    now: number;
  },
): Verdict {
  const silence = silencing(context.silences, alert.labels, context.now);
  if (silence) return { by: 'silenced', ref: silence.id };
  const inhibitor = inhibitorOf(alert, context.firing, context.rules);
  if (inhibitor) return { by: 'inhibited', ref: inhibitor.fingerprint };
  if (context.groupRef) return { by: 'grouped', ref: context.groupRef };
  return alert.flapping ? { by: 'flapping' } : {};
}

function inhibitorOf(
  alert: AlertRecord,
  firing: readonly AlertRecord[],
  rules: readonly InhibitRule[],
): AlertRecord | undefined {
  for (const rule of rules) {
    if (!matchesAll(rule.target, alert.labels)) continue;
    const source = firing.find(
      (candidate) =>
        candidate.fingerprint !== alert.fingerprint &&
        matchesAll(rule.source, candidate.labels) &&
        rule.equal.every((label) => (candidate.labels[label] ?? '') === (alert.labels[label] ?? '')),
    );
    if (source) return source;
  }
  return undefined;
}
