import { Type } from '@sinclair/typebox';
import type { EncoderView } from '@encoder-manager/sdk';
import { pageOf } from '../http/paging.js';
import { route, type AnyRoute } from '../http/route.js';
import { seesEncoder, visibleEncoder } from '../http/visibility.js';
import { IdParams, Page, PageQuery } from '../schemas/common.js';
import { EncoderQuery, EncoderSchema, SampleSchema } from '../schemas/encoders.js';
import { controlRoute } from './control.js';

const ListQuery = Type.Composite([EncoderQuery, Type.Object(PageQuery)]);
const HistoryQuery = Type.Object(PageQuery);

function matches(
  encoder: EncoderView,
  query: { site?: string; family?: string; reachable?: boolean; label?: string[] },
): boolean {
  if (query.site !== undefined && encoder.labels.site !== query.site) return false;
  if (query.family !== undefined && encoder.family !== query.family) return false;
  if (query.reachable !== undefined && encoder.latest?.reachable !== query.reachable) return false;
  return (query.label ?? []).every((pair) => {
    const at = pair.indexOf('=');
    return encoder.labels[pair.slice(0, at)] === pair.slice(at + 1);
  });
}

/** Encoders with their latest sample and capabilities; history; confirmed control. */
export function encoderRoutes(): AnyRoute[] {
  return [
    route({
      method: 'GET',
      path: '/api/v1/encoders',
      operationId: 'listEncoders',
      summary: 'List encoders with their latest sample and capabilities',
      tag: 'encoders',
      scope: 'read',
      rateLimit: 'read',
      query: ListQuery,
      response: Page(EncoderSchema),
      async handle({ query, key, services }) {
        const visible = services.encoders.list().filter((e) => seesEncoder(key, e) && matches(e, query));
        return pageOf(visible, query.limit, query.cursor);
      },
    }),
    route({
      method: 'GET',
      path: '/api/v1/encoders/:id',
      operationId: 'getEncoder',
      summary: 'One encoder with its latest sample and capabilities',
      tag: 'encoders',
      scope: 'read',
      rateLimit: 'read',
      params: IdParams,
      response: EncoderSchema,
      handle: async ({ params, key, services }) => visibleEncoder(key, services.encoders, params.id),
    }),
    route({
      method: 'GET',
      path: '/api/v1/encoders/:id/history',
      operationId: 'getEncoderHistory',
      summary: 'Recent samples of one encoder, newest first',
      tag: 'encoders',
      scope: 'read',
      rateLimit: 'read',
      params: IdParams,
      query: HistoryQuery,
      response: Page(SampleSchema),
      async handle({ params, query, key, services }) {
        visibleEncoder(key, services.encoders, params.id);
        return pageOf([...services.encoders.history(params.id)].reverse(), query.limit, query.cursor);
      },
    }),
    controlRoute({
      path: '/api/v1/encoders/:id/control',
      operationId: 'controlEncoder',
      summary: 'Start or stop an output, or reboot; the result is confirmed by reading the state back',
      tag: 'encoders',
    }),
  ];
}
