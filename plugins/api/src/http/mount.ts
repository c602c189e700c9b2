import type { Middleware, ParameterizedContext } from 'koa';
import type { Router } from '@koa/router';
import type { Clock } from '@encoder-manager/sdk';
import { grants } from '../keys/scopes.js';
import type { KeyRecord } from '../keys/record.js';
import type { KeyService } from '../keys/service.js';
import type { ApiMonitor } from '../metrics/monitor.js';
import { authenticate, credentialOf, type AuthDeps } from './auth.js';
import { HttpProblem, PROBLEM, problem } from './problem.js';
import type { RateLimits } from './rate-limits.js';
import { Reply, type AnyRoute } from './route.js';
import type { ServiceAccess } from './services.js';
import { abortOnClose } from './abort.js';
import { compilePart, type PartValidator } from './validation.js';

/** Per-request facts the outer middleware sets. */
export interface ApiState {
  ip: string;
  startedAt: number;
  key?: KeyRecord;
}

type Ctx = ParameterizedContext<ApiState> & { params: Record<string, string> };

/** What the mounted routes need. */
export interface MountDeps {
  readonly keys: KeyService;
  readonly limits: RateLimits;
  readonly services: ServiceAccess;
  readonly clock: Clock;
  readonly monitor: ApiMonitor;
  readonly failureDelayMs: number;
}

/** Registers every route of the table: authenticate → rate limit → scope → validate → handle. */
export function mountRoutes(router: Router<ApiState>, routes: readonly AnyRoute[], deps: MountDeps): void {
  const auth: AuthDeps = { ...deps, onFailure: () => deps.monitor.authFailure() };
  const keys = deps.keys;
  for (const spec of routes) {
    if (!deps.limits.has(spec.rateLimit))
      throw new Error(`route ${spec.method} ${spec.path}: unknown rate-limit policy "${spec.rateLimit}"`);
    const chain: Middleware<ApiState>[] = [
      authenticateStep(spec, auth, keys),
      limitStep(spec, deps),
      authorizeStep(spec),
      handleStep(spec, deps, validatorsOf(spec)),
    ];
    router.register(spec.path, [spec.method], chain as never, { name: spec.operationId });
  }
}

function authenticateStep(spec: AnyRoute, auth: AuthDeps, keys: KeyService): Middleware<ApiState> {
  return async (ctx, next) => {
    if (spec.scope !== 'public') {
      const token = credentialOf(ctx.headers);
      const lookup = async () => (token === undefined ? undefined : keys.authenticate(token));
      ctx.state.key = await authenticate(auth, lookup, ctx.state.ip, ctx.state.startedAt);
      keys.lastUsed.mark(ctx.state.key.id, auth.clock.now(), ctx.state.ip);
    }
    await next();
  };
}

function limitStep(spec: AnyRoute, deps: MountDeps): Middleware<ApiState> {
  return async (ctx, next) => {
    const { key, ip } = ctx.state;
    const target = spec.limitPer ? `:${(ctx as Ctx).params[spec.limitPer] ?? ''}` : '';
    const decision = await deps.limits.consume(
      spec.rateLimit,
      key ? `key:${key.id}${target}` : `ip:${ip}${target}`,
    );
    ctx.set(decision.headers);
    if (!decision.allowed) {
      deps.monitor.rateLimited();
      const body = problem(
        429,
        PROBLEM.quotaExceeded,
        'Too many requests',
        `rate limit "${spec.rateLimit}" exceeded; retry after ${decision.retryAfterSec} s`,
        {
          'violated-policies': decision.violated,
        },
      ).body;
      throw new HttpProblem(body, decision.headers);
    }
    await next();
  };
}

function authorizeStep(spec: AnyRoute): Middleware<ApiState> {
  return async (ctx, next) => {
    const key = ctx.state.key;
    if (key && !grants(key.scope, spec.scope))
      throw problem(
        403,
        PROBLEM.forbidden,
        'Forbidden',
        `this route needs scope "${spec.scope}"; the key has "${key.scope}"`,
      );
    await next();
  };
}

interface Validators {
  params?: PartValidator;
  query?: PartValidator;
  body?: PartValidator;
}

function validatorsOf(spec: AnyRoute): Validators {
  return {
    params: spec.params ? compilePart('params', spec.params) : undefined,
    query: spec.query ? compilePart('query', spec.query) : undefined,
    body: spec.body ? compilePart('body', spec.body) : undefined,
  };
}

function bodyOf(ctx: Ctx, validate: PartValidator | undefined): unknown {
  if (!validate) return undefined;
  if (ctx.request.length && !ctx.is('application/json'))
    throw problem(
      415,
      PROBLEM.unsupportedMediaType,
      'Unsupported media type',
      'send the body as application/json',
    );
  return validate((ctx.request as { body?: unknown }).body ?? {});
}

function handleStep(spec: AnyRoute, deps: MountDeps, validators: Validators): Middleware<ApiState> {
  return async (rawCtx) => {
    const ctx = rawCtx as Ctx;
    const params = validators.params ? validators.params({ ...ctx.params }) : {};
    const query = validators.query ? validators.query({ ...ctx.query }) : {};
    const body = bodyOf(ctx, validators.body);
    const signal = abortOnClose(ctx);
    const started = performance.now();
    try {
      const input = {
        params,
        query,
        body,
        key: ctx.state.key,
        ip: ctx.state.ip,
        services: deps.services,
        get signal() {
          return signal();
        },
      };
      const result = await spec.handle(input as never);
      send(ctx, spec, result);
    } finally {
      deps.monitor.pluginCall(spec.plugin ?? 'core', performance.now() - started);
    }
  };
}

function send(ctx: Ctx, spec: AnyRoute, result: unknown): void {
  const reply = result instanceof Reply ? result : new Reply(spec.status ?? 200, result);
  ctx.status = reply.status;
  ctx.set(reply.headers);
  if (reply.status === 204) return;
  ctx.type = reply.status >= 400 ? 'application/problem+json' : 'application/json';
  ctx.body = reply.body ?? null;
}
