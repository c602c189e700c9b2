import type { Alert, AlertState, EventCatalog, Severity } from '@encoder-manager/sdk';

/** What a row remembers for its template, stored as JSON in the outbox. */
export type RowContext =
  | {
      readonly kind: 'alert';
      readonly alert: Alert;
      readonly previous: AlertState | null;
      /** Set on messages sent by an escalation step (1-based). */
      readonly escalationStep: number | null;
      /** Set on repeat reminders (1-based). */
      readonly repeat: number | null;
    }
  | {
      readonly kind: 'event';
      readonly title: string;
      readonly summary: string;
      readonly fields: Readonly<Record<string, string>>;
    }
  | { readonly kind: 'test' }
  | {
      readonly kind: 'dead-letter';
      readonly failedChannel: string;
      readonly recipientName: string;
      readonly reason: string;
      readonly subject: string;
      readonly notificationId: string;
    };

/** Anything rules can route: an alert transition or a bus event, reduced to what rules match on. */
export interface Routable {
  readonly eventType: string;
  readonly severity: Severity;
  readonly labels: Readonly<Record<string, string>>;
  readonly alertName: string | undefined;
  readonly fingerprint: string | undefined;
  readonly at: number;
  readonly context: RowContext;
}

/** The event type an alert state maps to. */
export function alertEventType(state: AlertState): string {
  return `alert.${state}`;
}

/** An alert transition as a routable. */
export function alertRoutable(alert: Alert, previous: AlertState | undefined, at: number): Routable {
  return {
    eventType: alertEventType(alert.state),
    severity: alert.severity,
    labels: alert.labels,
    alertName: alert.name,
    fingerprint: alert.fingerprint,
    at,
    context: { kind: 'alert', alert, previous: previous ?? null, escalationStep: null, repeat: null },
  };
}

/** Bus events rules may route besides alerts (alerts arrive transactionally, not from the bus). */
export const ROUTABLE_EVENTS = [
  'analysis.finding',
  'failover.started',
  'failover.completed',
  'failover.failed',
  'remediation.attempted',
  'remediation.completed',
  'meeting.changed',
  'meeting.starting',
  'meeting.ended',
  'cert.expiring',
  'cert.expired',
  'plugin.error',
] as const satisfies readonly (keyof EventCatalog)[];

/** One of {@link ROUTABLE_EVENTS}. */
export type RoutableEventName = (typeof ROUTABLE_EVENTS)[number];

type Described = {
  severity: Severity;
  key: string;
  title: string;
  summary: string;
  fields: Record<string, string>;
};

/** Severity, dedup key, title and fields of each routable bus event. */
function describe<E extends RoutableEventName>(name: E, payload: EventCatalog[E]): Described {
  const p = payload as EventCatalog[RoutableEventName];
  if ('channel' in p && 'from' in p) {
    const severity: Severity = name === 'failover.failed' ? 'critical' : 'warning';
    const verb = name.split('.')[1] ?? name;
    const fields = { channel: p.channel, from: p.from, to: p.to, reason: p.reason };
    return {
      severity,
      key: p.id,
      title: `Failover ${verb}: ${p.channel}`,
      summary: `${p.from} → ${p.to}: ${p.reason}`,
      fields,
    };
  }
  if ('host' in p && 'notAfter' in p) {
    const fields = { host: p.host, daysLeft: String(p.daysLeft) };
    const title =
      name === 'cert.expired'
        ? `Certificate expired: ${p.host}`
        : `Certificate expires in ${p.daysLeft} days: ${p.host}`;
    return { severity: p.severity, key: `${name}:${p.host}`, title, summary: title, fields };
  }
  if ('remediation' in p) {
    const fields = { remediation: p.remediation, fingerprint: p.fingerprint };
    const severity: Severity = p.succeeded === false ? 'warning' : 'info';
    return {
      severity,
      key: `${p.remediation}:${p.fingerprint}:${p.at}`,
      title: `Remediation ${p.remediation}`,
      summary: p.message,
      fields,
    };
  }
  if ('cause' in p) {
    const fields = {
      cause: p.cause,
      confidence: String(p.confidence),
      suggestions: p.suggestions.join('; '),
    };
    return {
      severity: 'info',
      key: `finding:${p.fingerprint}`,
      title: `Probable cause: ${p.cause}`,
      summary: p.suggestions.join('; '),
      fields,
    };
  }
  if ('meeting' in p) {
    const m = p.meeting;
    const fields = {
      meeting: m.title,
      body: m.body,
      startsAt: m.startsAt,
      status: m.status,
      change: p.change ?? '',
    };
    const verb = name.split('.')[1] ?? '';
    return {
      severity: 'info',
      key: `${name}:${m.id}`,
      title: `Meeting ${verb}: ${m.title}`,
      summary: `${m.body}, ${m.startsAt}`,
      fields,
    };
  }
  const fields = { plugin: p.plugin, hook: p.hook, code: p.code };
  return {
    severity: 'warning',
    key: `${p.plugin}:${p.hook}:${p.at}`,
    title: `Plugin ${p.plugin} failed in ${p.hook}`,
    summary: p.message,
    fields,
  };
}

/** A bus event as a routable; its fields double as labels for rule matching. */
export function eventRoutable<E extends RoutableEventName>(
  name: E,
  payload: EventCatalog[E],
  at: number,
): Routable {
  const d = describe(name, payload);
  return {
    eventType: name,
    severity: d.severity,
    labels: d.fields,
    alertName: undefined,
    fingerprint: d.key,
    at,
    context: { kind: 'event', title: d.title, summary: d.summary, fields: d.fields },
  };
}
