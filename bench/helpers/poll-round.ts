// One size of the poll bench: N real Monarch drivers, provided on encoderDriversRef and polled by the
// real core EncoderPoller at 1 Hz, measured after a warm-up for a bounded window.
import { subscribe } from 'node:diagnostics_channel';
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import type { Socket } from 'node:net';
import { loadavg } from 'node:os';
import { monitorEventLoopDelay, performance, type IntervalHistogram } from 'node:perf_hooks';
import pino from 'pino';
import { encoderDriversRef, type BusEvent, type EncoderSample } from '@encoder-manager/sdk';
import { createMatroxMonarchDriver } from '@encoder-manager/plugin-driver-matrox-monarch';
import { CoreEventBus } from '../../core/src/bus/event-bus.js';
import { systemClock } from '../../core/src/clock.js';
import { EncoderPoller } from '../../core/src/encoders/poller.js';
import { ServiceRegistry } from '../../core/src/plugins/services.js';

/** The event-loop histogram samples every RESOLUTION_MS; its values include that interval. */
const RESOLUTION_MS = 10;
const SETTLE_MS = 1000;

/** What one size measured. */
export interface RoundResult {
  readonly encoders: number;
  readonly setupMs: number;
  readonly seconds: number;
  readonly polls: number;
  readonly reachable: number;
  /** Failed polls per error code, with the first message seen for each. */
  readonly failures: ReadonlyMap<string, { readonly count: number; readonly example: string }>;
  /** Lag percentiles; `samples` 0 means the sampling timer never ran in the window (loop stalled). */
  readonly lagMs: {
    readonly p50: number;
    readonly p99: number;
    readonly max: number;
    readonly samples: number;
  };
  /** Share of the window the event loop was busy (1 = saturated). */
  readonly loopUtilization: number;
  readonly pollMs: { readonly p50: number; readonly p99: number };
  readonly agentCpuMs: number;
  readonly fleetCpuMs: number;
  readonly dropped: number;
  /** TCP connections the agent opened during the window (keep-alive reuse means ~0) and open at its end. */
  readonly connections: { readonly opened: number; readonly open: number };
  readonly rssMb: number;
  /** The machine's 1-minute load average at the end of the window (other processes compete for CPU). */
  readonly loadAvg: number;
}

/** How long to warm up and to measure, and where the simulated devices listen. */
export interface RoundPlan {
  readonly encoders: number;
  readonly ports: readonly number[];
  readonly warmupMs: number;
  readonly measureMs: number;
  readonly fleetCpuMs: () => Promise<number>;
  readonly jitterMs: number;
  /** Write a CPU profile of the measured window (not set-up or warm-up) to this file. */
  readonly cpuProfile?: string;
}

interface Tally {
  measuring: boolean;
  polls: number;
  reachable: number;
  readonly failures: Map<string, { count: number; example: string }>;
  readonly latencies: number[];
}

function count(tally: Tally, event: BusEvent): void {
  if (!tally.measuring || event.name !== 'encoder.sample') return;
  const sample: EncoderSample = event.payload;
  tally.polls += 1;
  if (sample.reachable) {
    tally.reachable += 1;
    // sample.at is taken when the driver starts the poll; meta.at when the poller publishes the answer.
    tally.latencies.push(event.meta.at - sample.at);
  } else {
    const code = sample.error?.code ?? 'unknown';
    const seen = tally.failures.get(code);
    if (seen) seen.count += 1;
    else tally.failures.set(code, { count: 1, example: sample.error?.message ?? '' });
  }
}

function startPoller(plan: RoundPlan, bus: CoreEventBus): { poller: EncoderPoller; setupMs: number } {
  const log = pino({ level: 'silent' });
  const services = new ServiceRegistry();
  const options = { intervalMs: 1000, jitterMs: plan.jitterMs, historySize: 10, summaryIntervalSec: 0 };
  const poller = new EncoderPoller(services, bus, systemClock, log, options);
  const started = performance.now();
  poller.start();
  for (let i = 0; i < plan.encoders; i += 1) {
    const port = plan.ports[i % plan.ports.length]!;
    const config = { id: `bench-${i}`, host: '127.0.0.1', port, pollIntervalMs: 1000 };
    services.provide(
      'driver-matrox-monarch',
      encoderDriversRef,
      createMatroxMonarchDriver(config, { clock: systemClock, log }),
    );
  }
  return { poller, setupMs: performance.now() - started };
}

/** Counts client TCP connections (every `fetch` socket goes through net.connect). */
const connections = { opened: 0, open: 0 };
subscribe('net.client.socket', (message) => {
  connections.opened += 1;
  connections.open += 1;
  (message as { socket: Socket }).socket.once('close', () => (connections.open -= 1));
});

const percentile = (sorted: readonly number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
const lagOf = (ns: number) => Math.max(0, ns / 1e6 - RESOLUTION_MS);
const cpuMsOf = ({ user, system }: NodeJS.CpuUsage) => (user + system) / 1000;

interface Window {
  readonly wallMs: number;
  readonly lag: IntervalHistogram;
  readonly loopUtilization: number;
  readonly agentCpuMs: number;
  readonly fleetCpuMs: number;
  readonly opened: number;
}

/** The V8 sampling profiler on this thread; the file opens in Chrome DevTools or speedscope. */
async function startProfiler(): Promise<{ stopInto(file: string): Promise<void> }> {
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  return {
    async stopInto(file) {
      const { profile } = await session.post('Profiler.stop');
      session.disconnect();
      writeFileSync(file, JSON.stringify(profile));
    },
  };
}

/** Counts samples and measures the agent for `measureMs`. */
async function measureWindow(plan: RoundPlan, tally: Tally): Promise<Window> {
  const lag = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
  const fleetBefore = await plan.fleetCpuMs();
  const [cpuBefore, openedBefore, started] = [process.cpuUsage(), connections.opened, performance.now()];
  const eluBefore = performance.eventLoopUtilization();
  const profiler = plan.cpuProfile ? await startProfiler() : undefined;
  tally.measuring = true;
  lag.enable();
  await new Promise((resolve) => setTimeout(resolve, plan.measureMs));
  lag.disable();
  tally.measuring = false;
  if (profiler && plan.cpuProfile) await profiler.stopInto(plan.cpuProfile);
  return {
    wallMs: performance.now() - started,
    lag,
    loopUtilization: performance.eventLoopUtilization(eluBefore).utilization,
    agentCpuMs: cpuMsOf(process.cpuUsage(cpuBefore)),
    fleetCpuMs: (await plan.fleetCpuMs()) - fleetBefore,
    opened: connections.opened - openedBefore,
  };
}

/** Runs one size and returns its figures; the poller is stopped before it returns. */
export async function runRound(plan: RoundPlan): Promise<RoundResult> {
  const bus = new CoreEventBus(systemClock, pino({ level: 'silent' }));
  const tally: Tally = { measuring: false, polls: 0, reachable: 0, failures: new Map(), latencies: [] };
  bus.subscribe('bench', 'encoder.sample', (event) => count(tally, event), { queueSize: 20_000 });
  const { poller, setupMs } = startPoller(plan, bus);
  await new Promise((resolve) => setTimeout(resolve, plan.warmupMs));
  const window = await measureWindow(plan, tally);
  const rssMb = process.memoryUsage().rss / 2 ** 20;
  poller.stop();
  await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
  const { lag, wallMs, opened, ...cpu } = window;
  const latencies = tally.latencies.sort((a, b) => a - b);
  return {
    ...cpu,
    encoders: plan.encoders,
    setupMs,
    seconds: wallMs / 1000,
    polls: tally.polls,
    reachable: tally.reachable,
    failures: tally.failures,
    lagMs: {
      p50: lagOf(lag.percentile(50)),
      p99: lagOf(lag.percentile(99)),
      max: lagOf(lag.max),
      samples: lag.count,
    },
    pollMs: { p50: percentile(latencies, 0.5), p99: percentile(latencies, 0.99) },
    dropped: bus.stats().reduce((sum, s) => sum + s.dropped, 0),
    connections: { opened, open: connections.open },
    rssMb,
    loadAvg: loadavg()[0] ?? 0,
  };
}
