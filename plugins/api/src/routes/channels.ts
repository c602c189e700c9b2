import { Type } from '@sinclair/typebox';
import type { ChannelStatus } from '@encoder-manager/sdk';
import type { KeyRecord } from '../keys/record.js';
import { fetchSize, pageOf } from '../http/paging.js';
import { notFound } from '../http/problem.js';
import { route, type AnyRoute } from '../http/route.js';
import type { ServiceAccess } from '../http/services.js';
import { seesChannel } from '../http/visibility.js';
import { Empty, Id, IdParams, Page, PageQuery } from '../schemas/common.js';
import {
  ChannelDetailSchema,
  ChannelQuery,
  ChannelSchema,
  FailoverBody,
  FailoverRecordSchema,
} from '../schemas/failover.js';

const HISTORY_IN_DETAIL = 20;

function visibleChannel(services: ServiceAccess, key: KeyRecord | undefined, id: string): ChannelStatus {
  const channel = services.failover.channels().find((c) => c.id === id);
  if (!channel || !seesChannel(key, channel, services.encoders)) throw notFound(`no channel "${id}"`);
  return channel;
}

const common = { tag: 'channels', plugin: 'failover' } as const;

/** Channels, who feeds them, failover history, and manual failover/return. */
export function channelRoutes(): AnyRoute[] {
  return [
    route({
      ...common,
      method: 'GET',
      path: '/api/v1/channels',
      operationId: 'listChannels',
      summary: 'Channels with the encoder currently feeding each',
      scope: 'read',
      rateLimit: 'read',
      query: Type.Composite([ChannelQuery, Type.Object(PageQuery)]),
      response: Page(ChannelSchema),
      async handle({ query, key, services }) {
        const channels = services.failover
          .channels()
          .filter(
            (c) =>
              (query.state === undefined || c.state === query.state) &&
              seesChannel(key, c, services.encoders),
          );
        return pageOf(channels, query.limit, query.cursor);
      },
    }),
    route({
      ...common,
      method: 'GET',
      path: '/api/v1/channels/:id',
      operationId: 'getChannel',
      summary: 'One channel with its latest failovers',
      scope: 'read',
      rateLimit: 'read',
      params: IdParams,
      response: ChannelDetailSchema,
      async handle({ params, key, services }) {
        const channel = visibleChannel(services, key, params.id);
        return {
          ...channel,
          history: await services.failover.history({ channel: channel.id, limit: HISTORY_IN_DETAIL }),
        };
      },
    }),
    route({
      ...common,
      method: 'GET',
      path: '/api/v1/failovers',
      operationId: 'listFailovers',
      summary: 'Failover history (failovers, returns, manual switches), newest first',
      scope: 'read',
      rateLimit: 'read',
      query: Type.Object({ channel: Type.Optional(Id), ...PageQuery }),
      response: Page(FailoverRecordSchema),
      async handle({ query, key, services }) {
        if (query.channel !== undefined) visibleChannel(services, key, query.channel);
        const records = await services.failover.history({
          channel: query.channel,
          limit: fetchSize(query.limit, query.cursor),
        });
        const visible = new Set(
          services.failover
            .channels()
            .filter((c) => seesChannel(key, c, services.encoders))
            .map((c) => c.id),
        );
        return pageOf(
          records.filter((r) => visible.has(r.channel)),
          query.limit,
          query.cursor,
        );
      },
    }),
    route({
      ...common,
      method: 'POST',
      path: '/api/v1/channels/:id/failover',
      operationId: 'failoverChannel',
      summary: 'Switch a channel to a backup now (or to `to`); answers with the recorded outcome',
      scope: 'operate',
      rateLimit: 'control',
      limitPer: 'id',
      params: IdParams,
      body: FailoverBody,
      response: FailoverRecordSchema,
      async handle({ params, body, key, services }) {
        visibleChannel(services, key, params.id);
        return services.failover.failover(params.id, { to: body.to, by: `api:${key!.name}` });
      },
    }),
    route({
      ...common,
      method: 'POST',
      path: '/api/v1/channels/:id/return',
      operationId: 'returnChannel',
      summary: 'Switch a channel back to its primary now, without waiting for the stable period',
      scope: 'operate',
      rateLimit: 'control',
      limitPer: 'id',
      params: IdParams,
      body: Empty,
      response: FailoverRecordSchema,
      async handle({ params, key, services }) {
        visibleChannel(services, key, params.id);
        return services.failover.returnToPrimary(params.id, `api:${key!.name}`);
      },
    }),
  ];
}
