import type { Silence } from '@encoder-manager/sdk';
import type { AlertRecord } from './record.js';

/** A `core_alerts` row. */
export interface AlertRow {
  fingerprint: string;
  name: string;
  state: string;
  severity: string;
  labels: string;
  summary: string;
  starts_at: number | string;
  firing_at: number | string | null;
  ends_at: number | string | null;
  value: number | null;
  suppressed_by: string | null;
  suppressed_by_ref: string | null;
  flapping: boolean | number;
  flap_history: string;
  members: string | null;
  acknowledged_by: string | null;
  acknowledged_at: number | string | null;
  updated_at: number;
}

/** A `core_silences` row. */
export interface SilenceRow {
  id: string;
  matchers: string;
  comment: string;
  created_by: string;
  starts_at: number | string | null;
  ends_at: number | string | null;
  schedule: string | null;
}

export function toAlertRow(record: AlertRecord, now: number): AlertRow {
  return {
    fingerprint: record.fingerprint,
    name: record.name,
    state: record.state,
    severity: record.severity,
    labels: JSON.stringify(record.labels),
    summary: record.summary,
    starts_at: record.startsAt,
    firing_at: record.firingAt ?? null,
    ends_at: record.endsAt ?? null,
    value: record.value ?? null,
    suppressed_by: record.suppressedBy ?? null,
    suppressed_by_ref: record.suppressedByRef ?? null,
    flapping: record.flapping ?? false,
    flap_history: record.flapHistory,
    members: record.members ? JSON.stringify(record.members) : null,
    acknowledged_by: record.acknowledgedBy ?? null,
    acknowledged_at: record.acknowledgedAt ?? null,
    updated_at: now,
  };
}

/** PostgreSQL returns bigint columns as strings. */
const num = (value: number | string | null): number | undefined =>
  value === null ? undefined : Number(value);

export function fromAlertRow(row: AlertRow): AlertRecord {
  return {
    fingerprint: row.fingerprint,
    name: row.name,
    state: row.state as AlertRecord['state'],
    severity: row.severity as AlertRecord['severity'],
    labels: JSON.parse(row.labels) as Record<string, string>,
    summary: row.summary,
    startsAt: Number(row.starts_at),
    firingAt: num(row.firing_at),
    endsAt: num(row.ends_at),
    value: row.value ?? undefined,
    suppressedBy: (row.suppressed_by ?? undefined) as AlertRecord['suppressedBy'],
    suppressedByRef: row.suppressed_by_ref ?? undefined,
    flapping: Boolean(row.flapping),
    flapHistory: row.flap_history,
    members: row.members ? (JSON.parse(row.members) as string[]) : undefined,
    acknowledgedBy: row.acknowledged_by ?? undefined,
    acknowledgedAt: num(row.acknowledged_at),
  };
}

export function toSilenceRow(silence: Silence): SilenceRow {
  return {
    id: silence.id,
    matchers: JSON.stringify(silence.matchers),
    comment: silence.comment,
    created_by: silence.createdBy,
    starts_at: silence.startsAt ?? null,
    ends_at: silence.endsAt ?? null,
    schedule: silence.schedule ? JSON.stringify(silence.schedule) : null,
  };
}

export function fromSilenceRow(row: SilenceRow): Silence {
  return {
    id: row.id,
    matchers: JSON.parse(row.matchers) as Silence['matchers'],
    comment: row.comment,
    createdBy: row.created_by,
    startsAt: num(row.starts_at),
    endsAt: num(row.ends_at),
    schedule: row.schedule ? (JSON.parse(row.schedule) as Silence['schedule']) : undefined,
  };
}
