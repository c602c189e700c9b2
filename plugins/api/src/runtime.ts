import { agentServiceRef, EmError, type PluginContext } from '@encoder-manager/sdk';
import type { ApiConfig } from './config.js';
import { createApp, type ApiApp } from './http/app.js';
import { RateLimits } from './http/rate-limits.js';
import type { AnyRoute } from './http/route.js';
import { ApiServer } from './http/server.js';
import { ServiceAccess } from './http/services.js';
import { KeyService } from './keys/service.js';
import { ApiMonitor } from './metrics/monitor.js';
import { openApiDocument } from './openapi/document.js';
import { routeTable } from './routes/index.js';
import { EVENTS_PATH } from './routes/system.js';
import { EventHub } from './ws/hub.js';
import { EventsServer } from './ws/server.js';
import { TicketStore } from './ws/tickets.js';

/** Everything the plugin builds in setup; the server only listens from `ready()` on. */
export interface ApiRuntime {
  readonly keys: KeyService;
  readonly monitor: ApiMonitor;
  readonly limits: RateLimits;
  readonly routes: readonly AnyRoute[];
  readonly api: ApiApp;
  readonly hub: EventHub;
  readonly events: EventsServer;
  readonly server: ApiServer;
  openapi(): Record<string, unknown>;
}

function checkConfig(config: ApiConfig): void {
  if (config.keys.defaultTtlDays > config.keys.maxTtlDays)
    throw new EmError(
      'EM_CONFIG_INVALID',
      `plugins.api.config.keys.defaultTtlDays (${config.keys.defaultTtlDays}) is above maxTtlDays (${config.keys.maxTtlDays})`,
      {
        hint: 'Lower defaultTtlDays or raise maxTtlDays (at most 366).',
      },
    );
}

/** Wires keys, limits, routes, the Koa app, the event hub and the WebSocket server. */
export function createRuntime(ctx: PluginContext, config: ApiConfig): ApiRuntime {
  checkConfig(config);
  const { clock, log } = ctx;
  const keys = new KeyService(ctx.store, clock, log, config.keys);
  const monitor = new ApiMonitor(clock, () => ctx.tryUse(agentServiceRef));
  const limits = new RateLimits(config.rateLimits);
  const tickets = new TicketStore(clock, config.ws.ticketTtlSec);
  const services = new ServiceAccess(ctx);
  let document: Record<string, unknown> | undefined;
  const openapi = () =>
    (document ??= openApiDocument(routes, ctx.plugin.version, (name) => limits.describe(name)));
  const routes = routeTable({
    keys,
    tickets,
    monitor,
    clock,
    version: ctx.plugin.version,
    startedAt: clock.now(),
    staleAfterDays: config.keys.staleAfterDays,
    openapi,
  });
  const deps = { keys, limits, services, clock, monitor, failureDelayMs: config.keys.failureDelayMs };
  let api: ApiApp;
  try {
    api = createApp(config, routes, deps, log);
  } catch (error) {
    throw new EmError('EM_CONFIG_INVALID', (error as Error).message, {
      hint: 'Define the policy under plugins.api.config.rateLimits.policies.',
    });
  }
  const hub = new EventHub(services, clock, {
    size: config.ws.replayBufferSize,
    maxAgeSec: config.ws.replayMaxAgeSec,
  });
  const gate = {
    ...config.ws,
    path: EVENTS_PATH,
    origins: config.origins,
    trustProxyHops: config.trustProxyHops,
    keys,
    tickets,
    limits,
    clock,
    failureDelayMs: config.keys.failureDelayMs,
    onFailure: () => monitor.authFailure(),
  };
  const events = new EventsServer(hub, gate, keys, clock, log, config.ws);
  monitor.ws = () => events.metrics();
  keys.onInactive((id, reason) => events.closeKey(id, `key ${reason}`));
  const server = new ApiServer(api.app as never, events.onUpgrade, {
    ...config.listen,
    requestTimeoutMs: config.requestTimeoutMs,
  });
  return { keys, monitor, limits, routes, api, hub, events, server, openapi };
}
