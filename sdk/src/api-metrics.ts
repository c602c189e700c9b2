import { createServiceRef } from './services.js';

/** Percentiles of one latency histogram, in milliseconds. */
export interface LatencySummary {
  readonly count: number;
  readonly meanMs: number;
  readonly p50Ms: number;
  readonly p95Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
}

/** Request counts and latency of one API route (`GET /api/v1/encoders/:id`). */
export interface RouteMetrics {
  readonly method: string;
  readonly route: string;
  /** Responses by status code, e.g. `{ "200": 12, "429": 1 }`. */
  readonly statuses: Readonly<Record<string, number>>;
  readonly latency: LatencySummary;
}

/** Time the API spent waiting on one plugin's service (or the core), and that plugin's bus handlers. */
export interface PluginTimings {
  readonly plugin: string;
  readonly calls: LatencySummary;
  /** Slowest bus handler of this plugin so far, from the bus diagnostics. */
  readonly maxHandlerMs: number;
  readonly busDropped: number;
}

/** WebSocket event stream counters; rates are per second over the last sampling window. */
export interface WebSocketMetrics {
  readonly connections: number;
  readonly framesSent: number;
  readonly messagesReceived: number;
  readonly framesSentPerSec: number;
  readonly messagesReceivedPerSec: number;
  readonly replayedFrames: number;
  readonly snapshots: number;
  readonly refusedUpgrades: number;
  readonly slowConsumerDisconnects: number;
  readonly deadPeerTerminations: number;
}

/** Event-loop delay measured with `perf_hooks.monitorEventLoopDelay`, in milliseconds. */
export interface EventLoopMetrics {
  readonly meanMs: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
}

/** Everything the API's performance monitor knows at one moment. */
export interface ApiMetricsSnapshot {
  readonly at: number;
  readonly uptimeSec: number;
  readonly requests: number;
  readonly rateLimited: number;
  readonly authFailures: number;
  readonly routes: readonly RouteMetrics[];
  readonly plugins: readonly PluginTimings[];
  readonly webSocket: WebSocketMetrics;
  readonly eventLoop: EventLoopMetrics;
}

/** The api plugin's performance monitor, for exporters such as a Prometheus plugin. */
export interface ApiMetrics {
  snapshot(): ApiMetricsSnapshot;
}

/** Provided by the `api` plugin. */
export const apiMetricsRef = createServiceRef<ApiMetrics>({ id: 'api.metrics' });
