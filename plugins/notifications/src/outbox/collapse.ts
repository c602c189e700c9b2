import type { Alert, AlertState } from '@encoder-manager/sdk';
import type { OutboxRow } from './rows.js';

/** One alert in a message: its latest state and how often it changed inside the batch. */
export interface CollapsedAlert {
  readonly alert: Alert;
  readonly changes: number;
}

/** The alerts a batch reports, and whether the batch has nothing left to say. */
export interface Collapsed {
  readonly alerts: readonly CollapsedAlert[];
  /** Every alert ended where it started (e.g. fired and resolved within the grouping window). */
  readonly nothingChanged: boolean;
}

const settledState = (state: AlertState | null): AlertState => (state === 'firing' ? 'firing' : 'resolved');

/**
 * Folds the state changes of each alert in a batch into its latest state, Alertmanager style: an alert
 * that is back where it was before the batch (fired and resolved within the grouping window) is
 * dropped, so a flap inside the window sends nothing and a flap across windows sends one message per
 * change. Escalations and reminders are never dropped.
 */
export function collapseAlerts(rows: readonly OutboxRow[]): Collapsed {
  const byFingerprint = new Map<
    string,
    { first: AlertState | null; last: Alert; changes: number; keep: boolean }
  >();
  let alertRows = 0;
  for (const row of rows) {
    const c = row.context;
    if (c.kind !== 'alert') continue;
    alertRows += 1;
    const reminder = c.escalationStep !== null || c.repeat !== null;
    const seen = byFingerprint.get(c.alert.fingerprint);
    if (seen)
      byFingerprint.set(c.alert.fingerprint, {
        ...seen,
        last: c.alert,
        changes: seen.changes + 1,
        keep: seen.keep || reminder,
      });
    else
      byFingerprint.set(c.alert.fingerprint, {
        first: c.previous,
        last: c.alert,
        changes: 1,
        keep: reminder,
      });
  }
  const alerts = [...byFingerprint.values()]
    .filter((a) => a.keep || a.changes === 1 || settledState(a.first) !== a.last.state)
    .map((a) => ({ alert: a.last, changes: a.changes }));
  return { alerts, nothingChanged: alertRows > 0 && alertRows === rows.length && alerts.length === 0 };
}
