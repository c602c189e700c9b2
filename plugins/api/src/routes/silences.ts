import type { Silence } from '@encoder-manager/sdk';
import type { KeyRecord } from '../keys/record.js';
import { pageOf } from '../http/paging.js';
import { notFound, validationProblem } from '../http/problem.js';
import { Reply, route, type AnyRoute } from '../http/route.js';
import type { ServiceAccess } from '../http/services.js';
import { IdParams, NoContent, Page, PageQuery } from '../schemas/common.js';
import { SilenceBody, SilenceSchema } from '../schemas/alerts.js';
import { Type, type Static } from '@sinclair/typebox';

type SilenceInput = Static<typeof SilenceBody>;

/** A site-restricted key only sees and writes silences pinned to one of its sites (`site="x"`). */
function ownsSilence(key: KeyRecord | undefined, silence: Pick<Silence, 'matchers'>): boolean {
  if (!key?.sites) return true;
  return silence.matchers.some((m) => m.name === 'site' && m.op === '=' && key.sites!.includes(m.value));
}

function checked(key: KeyRecord | undefined, body: SilenceInput): SilenceInput {
  const oneOff = body.startsAt !== undefined || body.endsAt !== undefined;
  if (oneOff && body.schedule)
    throw validationProblem([
      { pointer: '/body/schedule', detail: 'give either startsAt/endsAt or schedule, not both' },
    ]);
  if (!oneOff && !body.schedule)
    throw validationProblem([{ pointer: '/body/endsAt', detail: 'is required (or give a schedule)' }]);
  if (oneOff && (body.startsAt === undefined || body.endsAt === undefined || body.endsAt <= body.startsAt))
    throw validationProblem([
      { pointer: '/body/endsAt', detail: 'startsAt and endsAt are both required, endsAt after startsAt' },
    ]);
  if (!ownsSilence(key, { matchers: body.matchers.map((m) => ({ ...m, op: m.op ?? '=' })) }))
    throw validationProblem([
      {
        pointer: '/body/matchers',
        detail: `this key is limited to sites ${key!.sites!.join(', ')}: add a matcher site = one of them`,
      },
    ]);
  return body;
}

async function ownedSilence(
  services: ServiceAccess,
  key: KeyRecord | undefined,
  id: string,
): Promise<Silence> {
  const silence = (await services.alerts.silences()).find((s) => s.id === id);
  if (!silence || !ownsSilence(key, silence)) throw notFound(`no silence "${id}"`);
  return silence;
}

const common = { tag: 'silences' } as const;

/** Silences (maintenance windows): list, create, replace, delete. */
export function silenceRoutes(): AnyRoute[] {
  return [
    route({
      ...common,
      method: 'GET',
      path: '/api/v1/silences',
      operationId: 'listSilences',
      summary: 'Silences, one-off and recurring',
      scope: 'read',
      rateLimit: 'read',
      query: Type.Object(PageQuery),
      response: Page(SilenceSchema),
      async handle({ query, key, services }) {
        const silences = (await services.alerts.silences()).filter((s) => ownsSilence(key, s));
        return pageOf(silences, query.limit, query.cursor);
      },
    }),
    route({
      ...common,
      method: 'POST',
      path: '/api/v1/silences',
      operationId: 'createSilence',
      summary: 'Create a silence',
      scope: 'operate',
      rateLimit: 'operate',
      body: SilenceBody,
      response: SilenceSchema,
      status: 201,
      async handle({ body, key, services }) {
        const silence = await services.alerts.putSilence({
          ...checked(key, body),
          createdBy: `api:${key!.name}`,
        } as Omit<Silence, 'id'>);
        return new Reply(201, silence, { Location: `/api/v1/silences/${encodeURIComponent(silence.id)}` });
      },
    }),
    route({
      ...common,
      method: 'PUT',
      path: '/api/v1/silences/:id',
      operationId: 'replaceSilence',
      summary: 'Replace a silence',
      scope: 'operate',
      rateLimit: 'operate',
      params: IdParams,
      body: SilenceBody,
      response: SilenceSchema,
      async handle({ params, body, key, services }) {
        await ownedSilence(services, key, params.id);
        return services.alerts.putSilence({
          ...checked(key, body),
          id: params.id,
          createdBy: `api:${key!.name}`,
        } as Silence);
      },
    }),
    route({
      ...common,
      method: 'DELETE',
      path: '/api/v1/silences/:id',
      operationId: 'deleteSilence',
      summary: 'Delete a silence',
      scope: 'operate',
      rateLimit: 'operate',
      params: IdParams,
      response: NoContent,
      status: 204,
      async handle({ params, key, services }) {
        await ownedSilence(services, key, params.id);
        await services.alerts.deleteSilence(params.id);
        return new Reply(204, undefined);
      },
    }),
  ];
}
