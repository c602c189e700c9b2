import type { Severity } from './check.js';

/** The life of an alert. */
export type AlertState = 'pending' | 'firing' | 'resolved';

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
  readonly startsAt: number;
  readonly endsAt?: number;
  readonly value?: number;
}
