import type { TSchema } from '@sinclair/typebox';
import type { AnyRoute } from '../http/route.js';
import { ProblemSchema } from '../schemas/common.js';

/** Plain JSON of a TypeBox schema (drops TypeBox's symbol keys and the local `$id`). */
function json(schema: TSchema): Record<string, unknown> {
  const { $id: _id, ...rest } = JSON.parse(JSON.stringify(schema)) as Record<string, unknown>;
  return rest;
}

const PROBLEM_REF = { $ref: '#/components/schemas/Problem' };
const problemResponse = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: PROBLEM_REF } },
});

function parameters(spec: AnyRoute): unknown[] {
  const of = (where: 'path' | 'query', schema: TSchema | undefined) => {
    const properties = (schema?.properties ?? {}) as Record<string, TSchema>;
    const required = new Set((schema?.required as string[] | undefined) ?? []);
    return Object.entries(properties).map(([name, property]) => ({
      name,
      in: where,
      required:
        where === 'path' || (required.has(name) && (property as { default?: unknown }).default === undefined),
      schema: json(property),
      ...(property.type === 'array' ? { style: 'form', explode: true } : {}),
    }));
  };
  return [...of('path', spec.params), ...of('query', spec.query)];
}

function responses(spec: AnyRoute): Record<string, unknown> {
  const status = String(spec.status ?? 200);
  const success =
    status === '204'
      ? { description: 'Done; no body.' }
      : { description: spec.summary, content: { 'application/json': { schema: json(spec.response) } } };
  const common: Record<string, unknown> = {
    [status]: success,
    '400': problemResponse('Invalid request: `errors` names each field with a JSON Pointer.'),
    '429': problemResponse('Rate limited: see Retry-After, RateLimit and RateLimit-Policy.'),
    '503': problemResponse('The plugin serving this route is not enabled.'),
  };
  if (spec.scope !== 'public') {
    common['401'] = problemResponse('Missing, unknown, expired or revoked key (one identical answer).');
    common['403'] = problemResponse(`The key lacks scope "${spec.scope}" or is limited to other sites.`);
  }
  if (spec.params) common['404'] = problemResponse('Not found (or at a site the key may not see).');
  return common;
}

function operation(spec: AnyRoute, describePolicy: (name: string) => string): Record<string, unknown> {
  return {
    operationId: spec.operationId,
    summary: spec.summary,
    ...(spec.description ? { description: spec.description } : {}),
    tags: [spec.tag],
    security: spec.scope === 'public' ? [] : [{ bearer: [] }, { apiKey: [] }],
    parameters: parameters(spec),
    ...(spec.body
      ? { requestBody: { required: true, content: { 'application/json': { schema: json(spec.body) } } } }
      : {}),
    responses: responses(spec),
    'x-scope': spec.scope,
    'x-rate-limit-policy': {
      name: spec.rateLimit,
      windows: describePolicy(spec.rateLimit),
      per: spec.scope === 'public' ? 'address' : spec.limitPer ? `key and ${spec.limitPer}` : 'key',
    },
  };
}

/** OpenAPI 3.1 from the route table: the same schemas that validate requests describe them here. */
export function openApiDocument(
  routes: readonly AnyRoute[],
  version: string,
  describePolicy: (name: string) => string,
): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const spec of routes) {
    const path = spec.path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
    paths[path] = { ...paths[path], [spec.method.toLowerCase()]: operation(spec, describePolicy) };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Encoder Manager API',
      version,
      description:
        'Encoders, channels and failover, alerts and silences, notifications, API keys, and a live event WebSocket.',
      license: { name: 'MIT', identifier: 'MIT' },
    },
    servers: [{ url: '/' }],
    tags: [...new Set(routes.map((r) => r.tag))].map((name) => ({ name })),
    paths,
    components: {
      schemas: { Problem: json(ProblemSchema) },
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', description: 'Authorization: Bearer em_api_…' },
        apiKey: { type: 'apiKey', in: 'header', name: 'X-API-Key' },
      },
    },
  };
}
