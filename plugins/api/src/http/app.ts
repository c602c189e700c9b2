import Koa, { type Middleware, type ParameterizedContext } from 'koa';
import { Router } from '@koa/router';
import type { ApiConfig } from '../config.js';
import type { Logger } from '@encoder-manager/sdk';
import { clientIp } from './client-ip.js';
import { answerWithProblem, throwIfUnanswered } from './errors.js';
import { mountRoutes, type ApiState, type MountDeps } from './mount.js';
import { HttpProblem, PROBLEM, problem } from './problem.js';
import { allowedMethods } from './protocol.js';
import type { AnyRoute } from './route.js';

/** The Koa application and the router built from the route table. */
export interface ApiApp {
  readonly app: Koa<ApiState>;
  readonly router: Router<ApiState>;
}

const SAFE_HEADERS = {
  'X-Content-Type-Options': 'nosniff',
  'Cache-Control': 'no-store',
  'Referrer-Policy': 'no-referrer',
  Vary: 'Origin',
};

/** The per-address cap on every request, routed or not. */
async function limitAddress(ctx: ParameterizedContext<ApiState>, deps: MountDeps): Promise<void> {
  const decision = await deps.limits.consumeIp(ctx.state.ip);
  if (decision.allowed) return;
  deps.monitor.rateLimited();
  throw new HttpProblem(
    problem(429, PROBLEM.quotaExceeded, 'Too many requests', 'too many requests from this address', {
      'violated-policies': decision.violated,
    }).body,
    decision.headers,
  );
}

/**
 * CORS for the exact origins in the config; other origins get no CORS headers (browsers then refuse).
 * Returns true when it answered a preflight itself.
 */
function cors(ctx: ParameterizedContext<ApiState>, origins: readonly string[]): boolean {
  const origin = ctx.get('Origin');
  if (!origin || !origins.includes(origin)) return false;
  ctx.set({
    'Access-Control-Allow-Origin': origin,
    'Access-Control-Expose-Headers': 'RateLimit, RateLimit-Policy, Retry-After, Location',
  });
  if (ctx.method !== 'OPTIONS') return false;
  ctx.set({
    'Access-Control-Allow-Methods': 'GET, POST, PUT, DELETE',
    'Access-Control-Allow-Headers': 'Authorization, X-API-Key, Content-Type',
    'Access-Control-Max-Age': '600',
  });
  ctx.status = 204;
  return true;
}

/**
 * Everything before the router, in one middleware (every layer costs each request): client address,
 * safe default headers, the address limit, CORS; then problem+json for any error or unanswered request,
 * and request timing labelled with the matched route pattern (not the raw path) and the status actually
 * sent (401, 400 …, not Koa's 404).
 */
function front(config: ApiConfig, deps: MountDeps, log: Logger): Middleware<ApiState> {
  const answer = answerWithProblem(log);
  return async (ctx, next) => {
    const started = performance.now();
    try {
      ctx.state.ip = clientIp(ctx.req, config.trustProxyHops);
      ctx.state.startedAt = deps.clock.now();
      ctx.set(SAFE_HEADERS);
      await limitAddress(ctx, deps);
      if (cors(ctx, config.origins)) return;
      await next();
      throwIfUnanswered(ctx);
    } catch (error) {
      answer(ctx, error);
    } finally {
      const route = (ctx as unknown as { _matchedRoute?: string })._matchedRoute ?? '(unmatched)';
      deps.monitor.request(ctx.method, route, ctx.status, performance.now() - started);
    }
  };
}

/**
 * Builds the application: front (address, limit, CORS, errors, timing) → routes (each reading its own
 * body) → 405 for other methods.
 */
export function createApp(
  config: ApiConfig,
  routes: readonly AnyRoute[],
  deps: MountDeps,
  log: Logger,
): ApiApp {
  const app = new Koa<ApiState>({ proxy: false });
  app.silent = true;
  const router = new Router<ApiState>();
  mountRoutes(router, routes, deps, config.bodyLimitBytes);
  app.use(front(config, deps, log));
  app.use(router.routes());
  app.use(allowedMethods());
  return { app, router };
}
