import {
  createHistogram,
  monitorEventLoopDelay,
  type IntervalHistogram,
  type RecordableHistogram,
} from 'node:perf_hooks';
import type {
  AgentService,
  ApiMetrics,
  ApiMetricsSnapshot,
  Clock,
  LatencySummary,
  PluginTimings,
  RouteMetrics,
  WebSocketMetrics,
} from '@encoder-manager/sdk';

/** Latency histograms hold microseconds (perf_hooks histograms are integer-valued). */
const US_PER_MS = 1000;

function summary(histogram: RecordableHistogram | IntervalHistogram, unitsPerMs: number): LatencySummary {
  const count = 'count' in histogram ? histogram.count : 0;
  if (count === 0) return { count: 0, meanMs: 0, p50Ms: 0, p95Ms: 0, p99Ms: 0, maxMs: 0 };
  const ms = (value: number) => Number((value / unitsPerMs).toFixed(3));
  return {
    count,
    meanMs: ms(histogram.mean),
    p50Ms: ms(histogram.percentile(50)),
    p95Ms: ms(histogram.percentile(95)),
    p99Ms: ms(histogram.percentile(99)),
    maxMs: ms(histogram.max),
  };
}

function record(histogram: RecordableHistogram, ms: number): void {
  histogram.record(Math.max(1, Math.round(ms * US_PER_MS)));
}

/**
 * The performance monitor: request latency per route, time spent in each plugin's service, WebSocket
 * counters and event-loop delay. Served at /health/detailed and through `apiMetricsRef`.
 */
export class ApiMonitor implements ApiMetrics {
  readonly #routes = new Map<
    string,
    { method: string; route: string; statuses: Record<string, number>; latency: RecordableHistogram }
  >();
  readonly #plugins = new Map<string, RecordableHistogram>();
  readonly #loop = monitorEventLoopDelay({ resolution: 10 });
  readonly #startedAt: number;
  #requests = 0;
  #rateLimited = 0;
  #authFailures = 0;
  ws: () => WebSocketMetrics = () => emptyWs;

  constructor(
    private readonly clock: Clock,
    private readonly agent: () => AgentService | undefined,
  ) {
    this.#startedAt = clock.now();
    this.#loop.enable();
  }

  request(method: string, route: string, status: number, ms: number): void {
    this.#requests += 1;
    const id = `${method} ${route}`;
    let entry = this.#routes.get(id);
    if (!entry) {
      entry = { method, route, statuses: {}, latency: createHistogram() };
      this.#routes.set(id, entry);
    }
    entry.statuses[status] = (entry.statuses[status] ?? 0) + 1;
    record(entry.latency, ms);
  }

  pluginCall(plugin: string, ms: number): void {
    let histogram = this.#plugins.get(plugin);
    if (!histogram) this.#plugins.set(plugin, (histogram = createHistogram()));
    record(histogram, ms);
  }

  rateLimited(): void {
    this.#rateLimited += 1;
  }

  authFailure(): void {
    this.#authFailures += 1;
  }

  snapshot(): ApiMetricsSnapshot {
    const now = this.clock.now();
    const routes: RouteMetrics[] = [...this.#routes.values()].map((r) => ({
      method: r.method,
      route: r.route,
      statuses: { ...r.statuses },
      latency: summary(r.latency, US_PER_MS),
    }));
    const loop = summary(this.#loop, 1e6);
    return {
      at: now,
      uptimeSec: Math.round((now - this.#startedAt) / 1000),
      requests: this.#requests,
      rateLimited: this.#rateLimited,
      authFailures: this.#authFailures,
      routes,
      plugins: this.#pluginTimings(),
      webSocket: this.ws(),
      eventLoop: { meanMs: loop.meanMs, p50Ms: loop.p50Ms, p99Ms: loop.p99Ms, maxMs: loop.maxMs },
    };
  }

  stop(): void {
    this.#loop.disable();
  }

  #pluginTimings(): PluginTimings[] {
    const bus = this.agent()?.diagnostics().bus ?? [];
    const names = new Set([...this.#plugins.keys(), ...bus.map((b) => b.owner)]);
    return [...names].sort().map((plugin) => {
      const handlers = bus.filter((b) => b.owner === plugin);
      const calls = this.#plugins.get(plugin);
      return {
        plugin,
        calls: calls ? summary(calls, US_PER_MS) : summary(createHistogram(), US_PER_MS),
        maxHandlerMs: Math.max(0, ...handlers.map((b) => b.maxHandlerMs)),
        busDropped: handlers.reduce((sum, b) => sum + b.dropped, 0),
      };
    });
  }
}

const emptyWs: WebSocketMetrics = {
  connections: 0,
  framesSent: 0,
  messagesReceived: 0,
  framesSentPerSec: 0,
  messagesReceivedPerSec: 0,
  replayedFrames: 0,
  snapshots: 0,
  refusedUpgrades: 0,
  slowConsumerDisconnects: 0,
  deadPeerTerminations: 0,
};
