import type { Severity } from '@encoder-manager/sdk';
import { fingerprint } from './fingerprint.js';
import type { AlertPolicy } from './policy.js';
import type { AlertRecord } from './record.js';

/** The group an alert belongs to (`site=a,uplink=b`), or undefined when it lacks a group-by label. */
export function groupKeyOf(alert: AlertRecord, policy: AlertPolicy): string | undefined {
  if (policy.groupBy.length === 0 || alert.name === GROUP_ALERT) return undefined;
  const parts = policy.groupBy.map((label) =>
    alert.labels[label] === undefined ? undefined : `${label}=${alert.labels[label]}`,
  );
  return parts.every((part) => part !== undefined) ? parts.join(',') : undefined;
}

/** The name of alerts that stand for a group of failing members. */
export const GROUP_ALERT = 'group';

/** A firing group alert for the given members (all failing, same key). */
export function groupAlert(
  key: string,
  members: readonly AlertRecord[],
  policy: AlertPolicy,
  at: number,
  previous?: AlertRecord,
): AlertRecord {
  const labels: Record<string, string> = { alertname: GROUP_ALERT, group: key };
  for (const label of policy.groupBy) labels[label] = members[0]?.labels[label] ?? '';
  const severity: Severity = members.some((member) => member.severity === 'critical')
    ? 'critical'
    : 'warning';
  const names = members.map((member) => `${member.labels.subject ?? member.fingerprint} (${member.name})`);
  return {
    fingerprint: fingerprint(GROUP_ALERT, labels),
    name: GROUP_ALERT,
    state: 'firing',
    severity,
    labels,
    summary: `${members.length} alerts at ${key} at once: ${names.join(', ')}`,
    startsAt: previous?.state === 'firing' ? previous.startsAt : at,
    firingAt: previous?.state === 'firing' ? previous.firingAt : at,
    members: members.map((member) => member.fingerprint),
    flapHistory: '',
  };
}
