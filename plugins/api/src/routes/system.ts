import { Type } from '@sinclair/typebox';
import type { Clock, StreamStateEvent } from '@encoder-manager/sdk';
import type { KeyRecord } from '../keys/record.js';
import { pageOf } from '../http/paging.js';
import { PROBLEM, problem } from '../http/problem.js';
import { Reply, route, type AnyRoute } from '../http/route.js';
import type { ServiceAccess } from '../http/services.js';
import { seesEncoder } from '../http/visibility.js';
import type { TicketStore } from '../ws/tickets.js';
import { AnyObject, Page, PageQuery } from '../schemas/common.js';
import {
  HealthSchema,
  MeetingQuery,
  MeetingSchema,
  PluginSchema,
  StreamSchema,
  TicketSchema,
} from '../schemas/system.js';

/** The WebSocket path; the upgrade handler serves it, the route answers plain GETs with 426. */
export const EVENTS_PATH = '/api/v1/events';

/** What system routes need. */
export interface SystemRouteDeps {
  readonly version: string;
  readonly clock: Clock;
  readonly startedAt: number;
  readonly tickets: TicketStore;
  readonly openapi: () => unknown;
}

/** A stream is visible to a site-limited key when an encoder of its sites publishes it (per the channels). */
function seesStream(key: KeyRecord | undefined, services: ServiceAccess, stream: StreamStateEvent): boolean {
  if (!key?.sites) return true;
  const entry = services.optionalFailover
    ?.channels()
    .flatMap((c) => c.encoders)
    .find((e) => e.stream === stream.stream);
  const encoder = entry ? services.encoders.get(entry.encoder) : undefined;
  return encoder !== undefined && seesEncoder(key, encoder);
}

/** Health, OpenAPI, plugins, streams, meetings and WebSocket tickets. */
export function systemRoutes(deps: SystemRouteDeps): AnyRoute[] {
  return [
    route({
      method: 'GET',
      path: '/api/v1/health',
      operationId: 'health',
      summary: 'Liveness: the agent answers (no key needed; limited per address)',
      tag: 'system',
      scope: 'public',
      rateLimit: 'public',
      response: HealthSchema,
      handle: async () => ({
        status: 'ok',
        version: deps.version,
        uptimeSec: Math.round((deps.clock.now() - deps.startedAt) / 1000),
      }),
    }),
    route({
      method: 'GET',
      path: '/api/v1/openapi.json',
      operationId: 'openapi',
      summary: 'This OpenAPI 3.1 document',
      tag: 'system',
      scope: 'public',
      rateLimit: 'public',
      response: AnyObject,
      handle: async () => deps.openapi(),
    }),
    route({
      method: 'GET',
      path: '/api/v1/plugins',
      operationId: 'listPlugins',
      summary: 'Plugins: state, version, kind and config JSON Schema',
      tag: 'system',
      scope: 'read',
      rateLimit: 'read',
      query: Type.Object(PageQuery),
      response: Page(PluginSchema),
      handle: async ({ query, services }) => pageOf(services.agent.plugins(), query.limit, query.cursor),
    }),
    route({
      method: 'GET',
      path: '/api/v1/streams',
      operationId: 'listStreams',
      summary: 'What the ingest servers receive, per stream',
      tag: 'system',
      plugin: 'ingest',
      scope: 'read',
      rateLimit: 'read',
      query: Type.Object(PageQuery),
      response: Page(StreamSchema),
      async handle({ query, key, services }) {
        const streams = services.ingests
          .flatMap((ingest) => ingest.streams())
          .filter((s) => seesStream(key, services, s));
        return pageOf(streams, query.limit, query.cursor);
      },
    }),
    route({
      method: 'GET',
      path: '/api/v1/meetings',
      operationId: 'listMeetings',
      summary: 'Public meetings from the scraped calendars (upcoming by default)',
      tag: 'system',
      plugin: 'meetings',
      scope: 'read',
      rateLimit: 'read',
      query: Type.Composite([MeetingQuery, Type.Object(PageQuery)]),
      response: Page(MeetingSchema),
      async handle({ query, services }) {
        const filter = { body: query.body, city: query.city, from: query.from, to: query.to, limit: 1000 };
        const meetings = services.meetings;
        const list =
          query.when === 'past'
            ? meetings.past(filter)
            : query.when === 'all'
              ? meetings.list(filter)
              : meetings.upcoming(filter);
        return pageOf(await list, query.limit, query.cursor);
      },
    }),
    route({
      method: 'POST',
      path: '/api/v1/ws-ticket',
      operationId: 'createWebSocketTicket',
      summary: 'A single-use ticket for browsers to open the event WebSocket (valid ≤ 30 s)',
      tag: 'events',
      scope: 'read',
      rateLimit: 'ticket',
      readOnly: true,
      response: TicketSchema,
      status: 201,
      async handle({ key }) {
        const { ticket, expiresAt } = deps.tickets.issue(key!.id);
        return new Reply(201, { ticket, expiresAt, url: `${EVENTS_PATH}?ticket=${ticket}` });
      },
    }),
    route({
      method: 'GET',
      path: EVENTS_PATH,
      operationId: 'events',
      summary:
        'The live event WebSocket (see README: auth on upgrade, Origin allowlist, frames with epoch, seq and MAC)',
      description: 'Plain HTTP GETs get 426; open it with a WebSocket client (Upgrade: websocket).',
      tag: 'events',
      scope: 'read',
      rateLimit: 'read',
      query: Type.Object({
        since: Type.Optional(Type.Integer({ minimum: 0 })),
        epoch: Type.Optional(Type.String({ maxLength: 64 })),
        events: Type.Optional(Type.String({ maxLength: 1000 })),
        ticket: Type.Optional(Type.String({ maxLength: 64 })),
      }),
      response: AnyObject,
      async handle() {
        const p = problem(
          426,
          PROBLEM.upgradeRequired,
          'Upgrade required',
          'open this URL with a WebSocket client',
        );
        // `close` too: an explicit Connection header replaces Node's, and with `Upgrade` alone the socket
        // stayed open after the answer (ignoring the client's own `Connection: close`) until keep-alive ran out.
        return new Reply(426, p.body, { Upgrade: 'websocket', Connection: 'Upgrade, close' });
      },
    }),
  ];
}
