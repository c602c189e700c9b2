import { Type } from '@sinclair/typebox';
import type { Alert, Clock, EncoderView } from '@encoder-manager/sdk';
import type { ApiMonitor } from '../metrics/monitor.js';
import { route, type AnyRoute } from '../http/route.js';
import { seesAlert, seesChannel, seesEncoder, visibleEncoder } from '../http/visibility.js';
import { IdParams } from '../schemas/common.js';
import { AlertSchema } from '../schemas/alerts.js';
import { DetailedHealthSchema, EncoderHealthSchema, MonitoringStatusSchema } from '../schemas/system.js';
import { controlRoute } from './control.js';
import { requireAllSites } from './guards.js';

const TROUBLED = new Set(['failed', 'degraded', 'reconnecting']);

/** healthy / degraded / down / unknown for one encoder, from its latest sample and its firing alerts. */
export function encoderHealth(encoder: EncoderView, alerts: readonly Alert[]) {
  const mine = alerts.filter((a) => a.labels.encoder === encoder.id && a.state === 'firing');
  const latest = encoder.latest;
  const outputs = (latest?.outputs ?? []).map((o) => ({
    id: o.id,
    kind: o.kind,
    state: o.state,
    bitrateKbps: o.bitrateKbps,
  }));
  let status: 'healthy' | 'degraded' | 'down' | 'unknown' = 'healthy';
  if (!latest) status = 'unknown';
  else if (!latest.reachable) status = 'down';
  else if (mine.length > 0 || outputs.some((o) => TROUBLED.has(o.state))) status = 'degraded';
  const summary = mine.map((a) => ({
    fingerprint: a.fingerprint,
    name: a.name,
    severity: a.severity,
    summary: a.summary,
  }));
  return {
    encoderId: encoder.id,
    status,
    reachable: latest?.reachable,
    lastSampleAt: latest?.at,
    outputs,
    alerts: summary,
  };
}

/** The paths the original station system documented, on the same data as /api/v1. */
export function stationRoutes(monitor: ApiMonitor, clock: Clock): AnyRoute[] {
  return [
    route({
      method: 'GET',
      path: '/api/monitoring/status',
      operationId: 'monitoringStatus',
      summary: 'Station overview: every encoder, channel and alert count, with an overall status',
      tag: 'station',
      scope: 'read',
      rateLimit: 'read',
      response: MonitoringStatusSchema,
      async handle({ key, services }) {
        const alerts = services.alerts.open().filter((a) => seesAlert(key, a));
        const encoders = services.encoders
          .list()
          .filter((e) => seesEncoder(key, e))
          .map((e) => ({ ...encoderHealth(e, alerts), metrics: e.latest?.metrics ?? {} }));
        const channels = services.optionalFailover
          ?.channels()
          .filter((c) => seesChannel(key, c, services.encoders));
        const firing = alerts.filter((a) => a.state === 'firing');
        const critical = firing.filter((a) => a.severity === 'critical').length;
        const troubled = encoders.some((e) => e.status === 'down' || e.status === 'degraded');
        const status =
          critical > 0 || encoders.some((e) => e.status === 'down')
            ? 'critical'
            : troubled || firing.length > 0
              ? 'degraded'
              : 'ok';
        return {
          status,
          at: clock.now(),
          encoders,
          ...(channels ? { channels } : {}),
          alerts: { firing: firing.length, pending: alerts.length - firing.length, critical },
        };
      },
    }),
    route({
      method: 'GET',
      path: '/api/monitoring/alerts',
      operationId: 'monitoringAlerts',
      summary: 'Open alerts, newest first',
      tag: 'station',
      scope: 'read',
      rateLimit: 'read',
      response: Type.Object({ items: Type.Array(AlertSchema) }),
      handle: async ({ key, services }) => ({
        items: services.alerts.open().filter((a) => seesAlert(key, a)),
      }),
    }),
    controlRoute({
      path: '/encoders/:id/control',
      operationId: 'stationControlEncoder',
      summary: 'Start/stop an output or reboot (same as POST /api/v1/encoders/{id}/control)',
      tag: 'station',
    }),
    route({
      method: 'GET',
      path: '/encoders/:id/metrics',
      operationId: 'stationEncoderMetrics',
      summary: 'Latest metrics and recent metric history of one encoder',
      tag: 'station',
      scope: 'read',
      rateLimit: 'read',
      params: IdParams,
      query: Type.Object({ limit: Type.Integer({ minimum: 1, maximum: 500, default: 60 }) }),
      response: Type.Object({
        encoderId: Type.String(),
        capabilities: Type.Array(Type.String()),
        latest: Type.Optional(Type.Unknown()),
        history: Type.Array(Type.Unknown()),
      }),
      async handle({ params, query, key, services }) {
        const encoder = visibleEncoder(key, services.encoders, params.id);
        const history = services.encoders
          .history(params.id)
          .slice(-query.limit)
          .map((s) => ({ at: s.at, reachable: s.reachable, metrics: s.metrics, outputs: s.outputs }));
        return { encoderId: encoder.id, capabilities: encoder.capabilities, latest: encoder.latest, history };
      },
    }),
    route({
      method: 'GET',
      path: '/health/encoder/:id',
      operationId: 'stationEncoderHealth',
      summary: 'healthy / degraded / down / unknown for one encoder, with its outputs and firing alerts',
      tag: 'station',
      scope: 'read',
      rateLimit: 'read',
      params: IdParams,
      response: EncoderHealthSchema,
      handle: async ({ params, key, services }) =>
        encoderHealth(visibleEncoder(key, services.encoders, params.id), services.alerts.open()),
    }),
    route({
      method: 'GET',
      path: '/health/detailed',
      operationId: 'detailedHealth',
      summary:
        'Agent internals: plugins, bus counters, store, API latency histograms, WebSocket rates, event-loop lag',
      tag: 'station',
      scope: 'read',
      rateLimit: 'read',
      response: DetailedHealthSchema,
      async handle({ key, services }) {
        requireAllSites(key);
        const plugins = services.agent
          .plugins()
          .map(({ name, version, state, code, message }) => ({ name, version, state, code, message }));
        const failed = plugins.filter((p) => p.state === 'failed');
        return {
          status: failed.length > 0 ? 'degraded' : 'ok',
          plugins,
          diagnostics: services.agent.diagnostics(),
          api: monitor.snapshot(),
        };
      },
    }),
  ];
}
