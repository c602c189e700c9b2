import {
  definePlugin,
  errorMessageOf,
  ingestsRef,
  type PluginContext,
  type StreamStateEvent,
} from '@encoder-manager/sdk';
import { startCallbackServer } from './callbacks.js';
import { IngestConfigSchema, type IngestConfig } from './config.js';
import { IngestStreams } from './service.js';
import { parseStat } from './stat.js';
import { StreamTracker } from './tracker.js';

export { parseStat, type StatStream } from './stat.js';
export { StreamTracker } from './tracker.js';

/** Watches one nginx-rtmp server: /stat polling plus optional notify callbacks → `stream.state`. */
export const ingestNginxRtmpPlugin = definePlugin({
  name: 'ingest-nginx-rtmp',
  version: '0.1.0',
  sdk: '^1.0.0',
  kind: 'service',
  description: "What the RTMP destination actually receives, from nginx-rtmp's /stat and notify callbacks.",
  configSchema: IngestConfigSchema,
  setup(ctx, config) {
    const tracker = new StreamTracker('ingest-nginx-rtmp', config.stallAfterMs);
    const streams = new IngestStreams(tracker, ctx.clock);
    const emit = (event: StreamStateEvent) => {
      streams.notify(event);
      ctx.bus.publish('stream.state', event);
    };
    ctx.provide(ingestsRef, streams);
    const health: StatHealth = { failing: false };
    let closeCallbacks = async () => {};
    return {
      async ready() {
        if (config.callbacks) closeCallbacks = await listen(ctx, config, tracker, emit);
        ctx.schedule.every(
          'stat',
          { intervalMs: config.pollIntervalMs, timeoutMs: config.requestTimeoutMs },
          (signal) => pollStat(ctx, config, tracker, emit, health, signal),
        );
      },
      stop: () => closeCallbacks(),
    };
  },
});

export default ingestNginxRtmpPlugin;

/** Whether /stat failed last time, so a long outage logs once, not every second. */
interface StatHealth {
  failing: boolean;
}

async function pollStat(
  ctx: PluginContext,
  config: IngestConfig,
  tracker: StreamTracker,
  emit: (event: StreamStateEvent) => void,
  health: StatHealth,
  signal: AbortSignal,
): Promise<void> {
  try {
    const response = await fetch(config.statUrl, { signal });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    const events = tracker.observe(parseStat(await response.text(), config.statUrl), ctx.clock.now());
    for (const event of events) emit(event);
    if (health.failing) ctx.log.info({ statUrl: config.statUrl }, 'nginx-rtmp /stat answers again');
    health.failing = false;
  } catch (error) {
    if (!health.failing)
      ctx.log.warn({ statUrl: config.statUrl }, `cannot read nginx-rtmp /stat: ${errorMessageOf(error)}`);
    health.failing = true;
  }
}

async function listen(
  ctx: PluginContext,
  config: IngestConfig,
  tracker: StreamTracker,
  emit: (event: StreamStateEvent) => void,
) {
  const { host, port } = config.callbacks ?? { host: '127.0.0.1', port: 0 };
  const server = await startCallbackServer(
    host,
    port,
    (call) => {
      const event = tracker.callback(call.call, call.stream, call.clientId, ctx.clock.now());
      if (event) emit(event);
    },
    ctx.log,
  );
  ctx.log.info({ url: server.url }, 'listening for nginx-rtmp notify callbacks');
  return server.close;
}
