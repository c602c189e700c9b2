import type { Alert, AlertState, CheckResult, Severity } from '@encoder-manager/sdk';
import { nextFlapping, recordResult } from './flap.js';
import { fingerprint } from './fingerprint.js';
import type { AlertPolicy } from './policy.js';

/** What the engine keeps per fingerprint: the alert plus bookkeeping for flap detection and hold-down. */
export interface AlertRecord extends Alert {
  readonly flapHistory: string;
  /** Since when the check has been ok while the alert fires (hold-down). */
  readonly okSince?: number;
}

/** A state change produced by one check result. */
export interface StateChange {
  readonly from: AlertState | null;
  readonly to: AlertState;
}

/** The alert's identity: the check name plus the result's labels and subject. */
export function alertIdentity(result: CheckResult): {
  name: string;
  labels: Record<string, string>;
  fingerprint: string;
} {
  const labels = { ...result.labels, check: result.check, subject: result.subject };
  return { name: result.check, labels, fingerprint: fingerprint(result.check, labels) };
}

/**
 * Applies one check result to an alert (pure): pending → firing after `for` (plus the group wait for
 * groupable alerts), firing → resolved after the hold-down, severity changes while firing, flap verdict.
 */
export function applyResult(
  current: AlertRecord | undefined,
  result: CheckResult,
  policy: AlertPolicy,
  forMs: number,
): { record: AlertRecord | undefined; change?: StateChange } {
  const ok = result.status === 'ok';
  const flapHistory = recordResult(current?.flapHistory ?? '', ok, policy.flap);
  const flapping = nextFlapping(current?.flapping ?? false, flapHistory, policy.flap);
  const base = { ...(current ?? newRecord(result)), flapHistory, flapping };
  if (!current || current.state === 'resolved') {
    if (ok) return { record: current ? base : undefined };
    const opened = { ...newRecord(result), flapHistory, flapping, ...details(result) };
    return begin(opened, current?.state ?? null, result.at, forMs);
  }
  if (current.state === 'pending') {
    if (ok) return change({ ...base, state: 'resolved', endsAt: result.at }, 'pending');
    const updated = { ...base, ...details(result) };
    return result.at - current.startsAt >= forMs
      ? change({ ...updated, state: 'firing', firingAt: result.at }, 'pending')
      : { record: updated };
  }
  return applyToFiring(current, base, result, policy);
}

function applyToFiring(
  current: AlertRecord,
  base: AlertRecord,
  result: CheckResult,
  policy: AlertPolicy,
): { record: AlertRecord; change?: StateChange } {
  if (result.status === 'ok') {
    const okSince = current.okSince ?? result.at;
    if (result.at - okSince >= policy.holdDownMs)
      return change({ ...base, state: 'resolved', endsAt: result.at, okSince: undefined }, 'firing');
    return { record: { ...base, okSince } };
  }
  const updated: AlertRecord = { ...base, ...details(result), okSince: undefined };
  return updated.severity === current.severity ? { record: updated } : change(updated, 'firing');
}

function begin(record: AlertRecord, from: AlertState | null, at: number, forMs: number) {
  if (forMs > 0) return change({ ...record, state: 'pending', startsAt: at }, from);
  return change({ ...record, state: 'firing', startsAt: at, firingAt: at }, from);
}

function change(record: AlertRecord, from: AlertState | null): { record: AlertRecord; change: StateChange } {
  return { record, change: { from, to: record.state } };
}

function newRecord(result: CheckResult): AlertRecord {
  const identity = alertIdentity(result);
  return {
    ...identity,
    state: 'pending',
    severity: severityOf(result),
    summary: result.message,
    startsAt: result.at,
    flapHistory: '',
  };
}

function details(result: CheckResult): Pick<AlertRecord, 'severity' | 'summary' | 'value'> {
  return { severity: severityOf(result), summary: result.message, value: result.value };
}

/** `unknown` (the check could not tell) is treated as a warning, as Sensu treats non-zero statuses. */
function severityOf(result: CheckResult): Severity {
  return result.status === 'critical' ? 'critical' : 'warning';
}
