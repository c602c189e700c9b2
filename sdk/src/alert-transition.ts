import type { Alert, AlertState } from './alert.js';
import { createServiceRef } from './services.js';
import type { PluginStoreTx } from './store.js';

/** One change of an alert's state, as the alert engine stores it. */
export interface AlertTransition {
  readonly alert: Alert;
  /** Undefined for a new alert. */
  readonly previous: AlertState | undefined;
  readonly at: number;
}

/**
 * A plugin that must record something in the same database transaction as an alert transition (the
 * notification outbox, above all), so that neither can exist without the other. The alert engine calls
 * `record` inside its transaction with a handle scoped to the providing plugin's own tables; a throw
 * rolls the transition back.
 */
export interface AlertTransitionParticipant {
  record(transition: AlertTransition, tx: PluginStoreTx): Promise<void>;
}

/** Every participant the enabled plugins provide. */
export const alertTransitionParticipantsRef = createServiceRef<AlertTransitionParticipant>({
  id: 'core.alertTransitionParticipants',
  multiple: true,
});
