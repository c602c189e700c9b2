import Koa, { type Middleware } from 'koa';
import { Router } from '@koa/router';
import type { ApiConfig } from '../config.js';
import type { ApiMonitor } from '../metrics/monitor.js';
import type { Logger } from '@encoder-manager/sdk';
import { clientIp } from './client-ip.js';
import { errorMiddleware } from './errors.js';
import { mountRoutes, type ApiState, type MountDeps } from './mount.js';
import { HttpProblem, PROBLEM, problem } from './problem.js';
import { allowedMethods, identityBodiesOnly, jsonBodies } from './protocol.js';
import type { AnyRoute } from './route.js';

/** The Koa application and the router built from the route table. */
export interface ApiApp {
  readonly app: Koa<ApiState>;
  readonly router: Router<ApiState>;
}

/** Request timing for the monitor, labelled with the matched route pattern (not the raw path). */
function timing(monitor: ApiMonitor): Middleware<ApiState> {
  return async (ctx, next) => {
    const started = performance.now();
    try {
      await next();
    } finally {
      const route = (ctx as unknown as { _matchedRoute?: string })._matchedRoute ?? '(unmatched)';
      monitor.request(ctx.method, route, ctx.status, performance.now() - started);
    }
  };
}

/** Client address, the per-address cap on every request (routed or not) and safe default headers. */
function front(config: ApiConfig, deps: MountDeps): Middleware<ApiState> {
  return async (ctx, next) => {
    ctx.state.ip = clientIp(ctx.req, config.trustProxyHops);
    ctx.state.startedAt = deps.clock.now();
    ctx.set({
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'no-store',
      'Referrer-Policy': 'no-referrer',
    });
    const decision = await deps.limits.consumeIp(ctx.state.ip);
    if (!decision.allowed) {
      deps.monitor.rateLimited();
      throw new HttpProblem(
        problem(429, PROBLEM.quotaExceeded, 'Too many requests', 'too many requests from this address', {
          'violated-policies': decision.violated,
        }).body,
        decision.headers,
      );
    }
    await next();
  };
}

/** CORS for the exact origins in the config; other origins get no CORS headers (browsers then refuse). */
function cors(origins: readonly string[]): Middleware<ApiState> {
  return async (ctx, next) => {
    const origin = ctx.get('Origin');
    ctx.vary('Origin');
    if (!origin || !origins.includes(origin)) return next();
    ctx.set({
      'Access-Control-Allow-Origin': origin,
      'Access-Control-Expose-Headers': 'RateLimit, RateLimit-Policy, Retry-After, Location',
    });
    if (ctx.method !== 'OPTIONS') return next();
    ctx.set({
      'Access-Control-Allow-Methods': 'GET, POST, PUT, DELETE',
      'Access-Control-Allow-Headers': 'Authorization, X-API-Key, Content-Type',
      'Access-Control-Max-Age': '600',
    });
    ctx.status = 204;
  };
}

/**
 * Builds the application: timing → error handling → address limit → CORS → body (identity JSON only) →
 * routes → 405 for other methods.
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
  mountRoutes(router, routes, deps);
  // Timing wraps the error handler, so it records the status actually sent (401, 400 …), not Koa's 404.
  app.use(timing(deps.monitor));
  app.use(errorMiddleware(log));
  app.use(front(config, deps));
  app.use(cors(config.origins));
  app.use(identityBodiesOnly());
  app.use(jsonBodies(config.bodyLimitBytes));
  app.use(router.routes());
  app.use(allowedMethods());
  return { app, router };
}
