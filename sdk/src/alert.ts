import type { Severity } from './check.js';

/** The life of an alert. */
export type AlertState = 'pending' | 'firing' | 'resolved';

/**
 * Why an alert's notifications are held back. The alert itself still fires (failover and the API see
 * it); notifiers skip it. `grouped`: part of a group alert that speaks for it.
 */
export type AlertSuppression = 'silenced' | 'inhibited' | 'flapping' | 'grouped';

/** An alert as published on the bus and stored by the alert engine. */
export interface Alert {
  /** Stable hash of name + identifying labels; the same problem always has the same fingerprint. */
  readonly fingerprint: string;
  readonly name: string;
  readonly state: AlertState;
  readonly severity: Severity;
  readonly labels: Readonly<Record<string, string>>;
  readonly summary: string;
  readonly description?: string;
  /** When the condition was first seen (pending start). */
  readonly startsAt: number;
  /** When it started firing. */
  readonly firingAt?: number;
  readonly endsAt?: number;
  readonly value?: number;
  /** Set while notifications for this alert are held back, with the reason. */
  readonly suppressedBy?: AlertSuppression;
  /** The silence id or inhibiting/group alert fingerprint behind `suppressedBy`. */
  readonly suppressedByRef?: string;
  /** Sensu-style flap detection verdict. */
  readonly flapping?: boolean;
  /** Fingerprints of the member alerts, for a group alert. */
  readonly members?: readonly string[];
  readonly acknowledgedBy?: string;
  readonly acknowledgedAt?: number;
}

/** A label matcher as Alertmanager writes them: `=`, `!=`, `=~` (full-match regex), `!~`. */
export interface LabelMatcher {
  readonly name: string;
  readonly op: '=' | '!=' | '=~' | '!~';
  readonly value: string;
}

/** A silence: mutes notifications of matching alerts, once (`startsAt`…`endsAt`) or on a schedule. */
export interface Silence {
  readonly id: string;
  readonly matchers: readonly LabelMatcher[];
  readonly comment: string;
  readonly createdBy: string;
  /** One-off window, epoch ms. */
  readonly startsAt?: number;
  readonly endsAt?: number;
  /** Recurring window: a cron expression for each start, the duration, and the IANA zone it is read in. */
  readonly schedule?: { readonly cron: string; readonly durationMin: number; readonly timeZone: string };
}
