import { Type } from '@sinclair/typebox';
import type { Clock } from '@encoder-manager/sdk';
import { viewOf } from '../keys/present.js';
import type { KeyService } from '../keys/service.js';
import { pageOf } from '../http/paging.js';
import { Reply, route, type AnyRoute } from '../http/route.js';
import { IdParams, Page, PageQuery } from '../schemas/common.js';
import {
  IssuedKeySchema,
  KeyCreateBody,
  KeyListQuery,
  KeyRotateBody,
  KeyViewSchema,
} from '../schemas/system.js';
import { requireAllSites } from './guards.js';

/** What key routes need. */
export interface KeyRouteDeps {
  readonly keys: KeyService;
  readonly clock: Clock;
  readonly staleAfterDays: number;
}

const common = { tag: 'keys', scope: 'admin', rateLimit: 'admin' } as const;

/** Key administration over HTTP (admin keys without a site limit); the CLI does the same. */
export function keyRoutes({ keys, clock, staleAfterDays }: KeyRouteDeps): AnyRoute[] {
  const view = (record: Parameters<typeof viewOf>[0]) => viewOf(record, clock.now(), staleAfterDays);
  return [
    route({
      ...common,
      method: 'GET',
      path: '/api/v1/keys',
      operationId: 'listKeys',
      summary: 'API keys (never the secrets): scope, sites, expiry, last use, stale flag',
      rateLimit: 'read',
      query: Type.Composite([KeyListQuery, Type.Object(PageQuery)]),
      response: Page(KeyViewSchema),
      async handle({ query, key }) {
        requireAllSites(key);
        const views = (await keys.list())
          .map(view)
          .filter((v) => query.all || v.state === 'active' || v.state === 'grace');
        return pageOf(views, query.limit, query.cursor);
      },
    }),
    route({
      ...common,
      method: 'GET',
      path: '/api/v1/keys/self',
      operationId: 'getOwnKey',
      summary: 'The key making this request: scope, sites and expiry',
      scope: 'read',
      rateLimit: 'read',
      response: KeyViewSchema,
      handle: async ({ key }) => view(key!),
    }),
    route({
      ...common,
      method: 'POST',
      path: '/api/v1/keys',
      operationId: 'createKey',
      summary: 'Create a key; the secret is in this response only',
      body: KeyCreateBody,
      response: IssuedKeySchema,
      status: 201,
      async handle({ body, key }) {
        requireAllSites(key);
        const issued = await keys.create({
          ...body,
          ttlDays: body.expiresInDays,
          createdBy: `api:${key!.name}`,
        });
        return new Reply(201, { key: issued.token, record: view(issued.record) });
      },
    }),
    route({
      ...common,
      method: 'POST',
      path: '/api/v1/keys/:id/rotate',
      operationId: 'rotateKey',
      summary: 'Issue a successor; the old key keeps working for graceSec (0…7 days)',
      params: IdParams,
      body: KeyRotateBody,
      response: IssuedKeySchema,
      status: 201,
      async handle({ params, body, key }) {
        requireAllSites(key);
        const { issued, old } = await keys.rotate(params.id, body.graceSec, `api:${key!.name}`);
        return new Reply(201, { key: issued.token, record: view(issued.record), previous: view(old) });
      },
    }),
    route({
      ...common,
      method: 'DELETE',
      path: '/api/v1/keys/:id',
      operationId: 'revokeKey',
      summary: 'Revoke a key now; its WebSockets are closed',
      params: IdParams,
      response: KeyViewSchema,
      async handle({ params, key }) {
        requireAllSites(key);
        return view(await keys.revoke(params.id, `api:${key!.name}`));
      },
    }),
  ];
}
