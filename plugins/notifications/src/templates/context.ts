import type { Alert, Severity } from '@encoder-manager/sdk';
import type { Collapsed } from '../outbox/collapse.js';
import type { OutboxRow } from '../outbox/rows.js';
import { formatLocal } from '../routing/quiet-hours.js';

/** One alert as templates see it. */
export interface AlertView {
  readonly name: string;
  readonly state: string;
  readonly severity: Severity;
  readonly summary: string;
  readonly description: string | null;
  readonly fingerprint: string;
  readonly labels: readonly { readonly name: string; readonly value: string }[];
  /** `site=hq, encoder=studio-a`, or empty. */
  readonly labelText: string;
  /** When the alert started, in the recipient's zone. */
  readonly startedAt: string;
  /** State changes folded into this message; more than one means it flapped. */
  readonly changes: number;
  readonly flapping: boolean;
}

/**
 * Everything a template can use. Every field is always present (null when it does not apply), so
 * templates render in Handlebars strict mode, where a misspelt field is an error rather than a blank.
 */
export interface TemplateContext {
  /** The message id; also the dedup key notifiers see. */
  readonly id: string;
  readonly station: string;
  readonly channel: string;
  readonly eventType: string;
  readonly severity: Severity;
  /** Upper-case severity, e.g. `CRITICAL`. */
  readonly SEVERITY: string;
  /** One line that sums the message up; the default subject. */
  readonly title: string;
  readonly recipient: { readonly id: string; readonly name: string };
  /** When the event happened, in the recipient's zone, e.g. `2026-03-14 02:05 CDT`. */
  readonly at: string;
  readonly timezone: string;
  readonly alerts: readonly AlertView[];
  readonly firing: readonly AlertView[];
  readonly resolved: readonly AlertView[];
  readonly escalation: { readonly step: number } | null;
  readonly repeat: { readonly count: number } | null;
  readonly event: {
    readonly title: string;
    readonly summary: string;
    readonly fields: readonly { readonly name: string; readonly value: string }[];
  } | null;
  readonly deadLetter: {
    readonly channel: string;
    readonly recipient: string;
    readonly reason: string;
    readonly subject: string;
    readonly notificationId: string;
  } | null;
  readonly test: boolean;
  /** Set when the message goes out more than `lateAfterSec` after it was due. */
  readonly late: { readonly minutes: number } | null;
}

/** Inputs for {@link buildContext} besides the rows. */
export interface ContextInput {
  readonly id: string;
  readonly station: string;
  readonly channel: string;
  readonly recipient: { readonly id: string; readonly name: string };
  readonly timezone: string;
  readonly lateMinutes: number | null;
}

const RANK: Record<Severity, number> = { info: 0, warning: 1, critical: 2 };

function alertView(alert: Alert, changes: number, zone: string): AlertView {
  const labels = Object.entries(alert.labels).map(([name, value]) => ({ name, value }));
  return {
    name: alert.name,
    state: alert.state,
    severity: alert.severity,
    summary: alert.summary,
    description: alert.description ?? null,
    fingerprint: alert.fingerprint,
    labels,
    labelText: labels.map((l) => `${l.name}=${l.value}`).join(', '),
    startedAt: formatLocal(alert.startsAt, zone),
    changes,
    flapping: changes > 1,
  };
}

/** The template context of a batch whose alerts were already collapsed. */
export function buildContext(
  rows: readonly OutboxRow[],
  collapsed: Collapsed,
  input: ContextInput,
): TemplateContext {
  const leader = rows[0];
  if (!leader) throw new Error('buildContext: empty batch');
  const alerts = collapsed.alerts.map((a) => alertView(a.alert, a.changes, input.timezone));
  const firing = alerts.filter((a) => a.state === 'firing');
  const resolved = alerts.filter((a) => a.state !== 'firing');
  const severity = (firing.length > 0 ? firing : alerts).reduce<Severity>(
    (max, a) => (RANK[a.severity] > RANK[max] ? a.severity : max),
    alerts.length > 0 ? 'info' : leader.severity,
  );
  const reminder = rows
    .map((r) => r.context)
    .find((c) => c.kind === 'alert' && (c.escalationStep ?? c.repeat) !== null);
  const c = leader.context;
  const base = {
    id: input.id,
    station: input.station,
    channel: input.channel,
    severity,
    SEVERITY: severity.toUpperCase(),
    recipient: input.recipient,
    at: formatLocal(Math.min(...rows.map((r) => r.createdAt)), input.timezone),
    timezone: input.timezone,
    alerts,
    firing,
    resolved,
    escalation:
      reminder?.kind === 'alert' && reminder.escalationStep !== null
        ? { step: reminder.escalationStep }
        : null,
    repeat: reminder?.kind === 'alert' && reminder.repeat !== null ? { count: reminder.repeat } : null,
    event: null,
    deadLetter: null,
    test: false,
    late: input.lateMinutes === null ? null : { minutes: input.lateMinutes },
  };
  if (c.kind === 'event') {
    const fields = Object.entries(c.fields).map(([name, value]) => ({ name, value }));
    return {
      ...base,
      eventType: leader.eventType,
      title: c.title,
      event: { title: c.title, summary: c.summary, fields },
    };
  }
  if (c.kind === 'dead-letter') {
    const deadLetter = {
      channel: c.failedChannel,
      recipient: c.recipientName,
      reason: c.reason,
      subject: c.subject,
      notificationId: c.notificationId,
    };
    return {
      ...base,
      eventType: 'notification.dead',
      title: `Notifications to ${c.recipientName} via ${c.failedChannel} are failing`,
      deadLetter,
    };
  }
  if (c.kind === 'test') {
    return {
      ...base,
      eventType: 'notification.test',
      title: `Test notification from ${input.station}`,
      test: true,
    };
  }
  return {
    ...base,
    eventType: firing.length > 0 ? 'alert.firing' : 'alert.resolved',
    title: alertTitle(firing.length > 0 ? firing : resolved, firing.length > 0),
  };
}

function alertTitle(alerts: readonly AlertView[], firing: boolean): string {
  const first = alerts[0];
  const prefix = firing ? '' : 'Resolved: ';
  if (alerts.length === 1 && first) return `${prefix}${first.summary}`;
  return `${prefix}${alerts.length} alerts ${firing ? 'firing' : 'resolved'}`;
}
