import type { Alert, AlertState, Silence } from './alert.js';
import { createServiceRef } from './services.js';

/** One stored state change of an alert. */
export interface AlertHistoryEntry {
  readonly fingerprint: string;
  readonly name: string;
  readonly from: AlertState | null;
  readonly to: AlertState;
  readonly severity: string;
  readonly suppressedBy?: string;
  readonly at: number;
}

/** Filters for alert history. */
export interface AlertHistoryQuery {
  readonly fingerprint?: string;
  readonly since?: number;
  readonly limit?: number;
}

/** The alert engine's read model and actions, provided by the core (the API plugin serves it). */
export interface AlertsService {
  /** Pending and firing alerts, newest first. */
  open(): readonly Alert[];
  get(fingerprint: string): Alert | undefined;
  history(query: AlertHistoryQuery): Promise<readonly AlertHistoryEntry[]>;
  /** Records who acknowledged; publishes `alert.acknowledged` (escalation stops). */
  acknowledge(fingerprint: string, by: string): Promise<Alert>;
  silences(): Promise<readonly Silence[]>;
  /** Creates or replaces a silence; returns it with its id. */
  putSilence(silence: Omit<Silence, 'id'> & { readonly id?: string }): Promise<Silence>;
  deleteSilence(id: string): Promise<boolean>;
}

/** Provided by the core. */
export const alertsServiceRef = createServiceRef<AlertsService>({ id: 'core.alerts' });
