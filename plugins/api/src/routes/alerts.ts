import { Type } from '@sinclair/typebox';
import type { Alert } from '@encoder-manager/sdk';
import { fetchSize, pageOf } from '../http/paging.js';
import { notFound } from '../http/problem.js';
import { route, type AnyRoute } from '../http/route.js';
import { seesAlert } from '../http/visibility.js';
import { Page, PageQuery } from '../schemas/common.js';
import {
  AcknowledgeBody,
  AlertHistoryEntrySchema,
  AlertHistoryQuery,
  AlertQuery,
  AlertSchema,
  FingerprintParams,
} from '../schemas/alerts.js';

function matches(
  alert: Alert,
  query: { severity?: string; state?: string; name?: string; site?: string },
): boolean {
  return (
    (query.severity === undefined || alert.severity === query.severity) &&
    (query.state === undefined || alert.state === query.state) &&
    (query.name === undefined || alert.name === query.name) &&
    (query.site === undefined || alert.labels.site === query.site)
  );
}

const common = { tag: 'alerts' } as const;

/** Open alerts, their history and acknowledgement. */
export function alertRoutes(): AnyRoute[] {
  return [
    route({
      ...common,
      method: 'GET',
      path: '/api/v1/alerts',
      operationId: 'listAlerts',
      summary: 'Pending and firing alerts, newest first',
      scope: 'read',
      rateLimit: 'read',
      query: Type.Composite([AlertQuery, Type.Object(PageQuery)]),
      response: Page(AlertSchema),
      async handle({ query, key, services }) {
        const open = services.alerts.open().filter((a) => seesAlert(key, a) && matches(a, query));
        return pageOf(open, query.limit, query.cursor);
      },
    }),
    route({
      ...common,
      method: 'GET',
      path: '/api/v1/alerts/history',
      operationId: 'alertHistory',
      summary: 'State changes of alerts (pending, firing, resolved)',
      description:
        'Site-restricted keys see only entries of alerts the agent still knows to be at their sites.',
      scope: 'read',
      rateLimit: 'read',
      query: Type.Composite([AlertHistoryQuery, Type.Object(PageQuery)]),
      response: Page(AlertHistoryEntrySchema),
      async handle({ query, key, services }) {
        const entries = await services.alerts.history({
          fingerprint: query.fingerprint,
          since: query.since,
          limit: fetchSize(query.limit, query.cursor),
        });
        const visible = key?.sites
          ? entries.filter((e) => {
              const alert = services.alerts.get(e.fingerprint);
              return alert !== undefined && seesAlert(key, alert);
            })
          : entries;
        return pageOf(visible, query.limit, query.cursor);
      },
    }),
    route({
      ...common,
      method: 'GET',
      path: '/api/v1/alerts/:fingerprint',
      operationId: 'getAlert',
      summary: 'One alert by fingerprint',
      scope: 'read',
      rateLimit: 'read',
      params: FingerprintParams,
      response: AlertSchema,
      async handle({ params, key, services }) {
        const alert = services.alerts.get(params.fingerprint);
        if (!alert || !seesAlert(key, alert)) throw notFound(`no alert "${params.fingerprint}"`);
        return alert;
      },
    }),
    route({
      ...common,
      method: 'POST',
      path: '/api/v1/alerts/:fingerprint/acknowledge',
      operationId: 'acknowledgeAlert',
      summary: 'Acknowledge an open alert: escalation and reminders stop until it resolves',
      scope: 'operate',
      rateLimit: 'operate',
      params: FingerprintParams,
      body: AcknowledgeBody,
      response: AlertSchema,
      async handle({ params, key, services }) {
        const alert = services.alerts.get(params.fingerprint);
        if (!alert || alert.state === 'resolved' || !seesAlert(key, alert))
          throw notFound(`no open alert "${params.fingerprint}"`);
        return services.alerts.acknowledge(params.fingerprint, `api:${key!.name}`);
      },
    }),
  ];
}
