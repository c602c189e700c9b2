import { apiMetricsRef, cliCommandsRef, definePlugin } from '@encoder-manager/sdk';
import { ApiConfigSchema } from './config.js';
import { ExpiryWatcher } from './keys/expiry.js';
import { createKeysCommand } from './keys/cli.js';
import { createRuntime } from './runtime.js';

export { ApiConfigSchema, type ApiConfig } from './config.js';
export { MAC_INFO, MAC_TAIL_LENGTH } from './ws/frames.js';

/** REST and WebSocket API: keys with scopes and expiry, rate limits on every route, OpenAPI, live events. */
export const apiPlugin = definePlugin({
  name: 'api',
  version: '0.1.0',
  sdk: '^1.0.0',
  kind: 'service',
  description:
    'REST under /api/v1 and the station paths, OpenAPI 3.1, API keys, rate limits, live event WebSocket.',
  configSchema: ApiConfigSchema,
  setup(ctx, config) {
    const runtime = createRuntime(ctx, config);
    const { keys, monitor, hub, events, server } = runtime;
    ctx.provide(cliCommandsRef, createKeysCommand(keys, ctx.clock, config.keys.staleAfterDays));
    ctx.provide(apiMetricsRef, monitor);
    const expiry = new ExpiryWatcher(keys, ctx.bus, ctx.clock, ctx.log, config.keys);
    return {
      async ready() {
        hub.start(ctx.bus);
        const address = await server.listen();
        ctx.log.info({ ...address, routes: runtime.routes.length }, 'API listening');
        const every = (name: string, intervalMs: number, run: () => unknown) =>
          ctx.schedule.every(name, { intervalMs, runImmediately: false }, async () => void (await run()));
        every('ws-ping', config.ws.pingIntervalMs, () => events.heartbeat());
        every('ws-revalidate', config.ws.revalidateIntervalMs, () => events.revalidate());
        every('keys-last-used', config.keys.lastUsedFlushSec * 1000, () => keys.lastUsed.flush());
        ctx.schedule.every('keys-expiry', { intervalMs: config.keys.expiryCheckIntervalSec * 1000 }, () =>
          expiry.run(),
        );
      },
      async stop() {
        events.close();
        await server.close();
        hub.stop();
        await keys.lastUsed.flush();
        monitor.stop();
      },
    };
  },
});

export default apiPlugin;
