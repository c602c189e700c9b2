// HTTP side of `npm run bench -- api`: the bare Koa baseline, and autocannon runs (each in a child process)
// that alternate between the baseline and the agent, so load from other processes on a shared machine
// hits both alike. Server CPU time per request is read around every run as well: it does not depend on
// how much of the machine the bench got.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Koa from 'koa';
import type { LoadResult } from './api-load.js';
import { startJsonChild } from './json-child.js';

/** One measured run and the serving process's CPU time per request during it. */
export interface Measured extends LoadResult {
  readonly cpuUsPerRequest: number;
}

/** A target of the load generator. */
export interface Target {
  readonly url: string;
  readonly headers?: Readonly<Record<string, string>>;
}

/** A plain Koa app on loopback answering every request from `answer`, served by this process like the agent. */
async function startKoa(answer: Koa.Middleware): Promise<{ target: Target; close(): Promise<void> }> {
  const app = new Koa();
  app.use(answer);
  const server: Server = await new Promise((resolve) => {
    const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
  });
  const { port } = server.address() as AddressInfo;
  return {
    target: { url: `http://127.0.0.1:${port}/` },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** The baseline: Koa's hello world. */
export function startKoaHello(): ReturnType<typeof startKoa> {
  return startKoa((ctx) => {
    ctx.body = 'Hello World';
  });
}

/**
 * A reference, not the target: Koa answering with the agent's own answer (the same JSON, serialised per
 * request, and the same headers) — what that response costs on this machine without auth, limits,
 * validation or routing.
 */
export async function startKoaSameAnswer(target: Target): Promise<Awaited<ReturnType<typeof startKoa>>> {
  const response = await fetch(target.url, { headers: target.headers });
  const body: unknown = await response.json();
  const skip = new Set(['date', 'content-length', 'content-type', 'connection', 'keep-alive']);
  const headers = Object.fromEntries([...response.headers].filter(([name]) => !skip.has(name)));
  return startKoa((ctx) => {
    ctx.set(headers);
    ctx.body = body;
  });
}

/** One autocannon run in a child process, `connections` keep-alive connections for `seconds`. */
export async function measure(target: Target, seconds: number, connections: number): Promise<Measured> {
  const options = { url: target.url, headers: target.headers ?? {}, connections, duration: seconds };
  const child = startJsonChild('api-load.ts', [JSON.stringify(options)]);
  const before = process.cpuUsage();
  try {
    const result = await child.next<LoadResult>();
    const { user, system } = process.cpuUsage(before);
    return { ...result, cpuUsPerRequest: (user + system) / Math.max(1, result.total) };
  } finally {
    await child.stop();
  }
}

/** `rounds` runs of each target, the order rotating every round, after one warm-up run of each. */
export async function alternate(
  targets: readonly Target[],
  plan: { rounds: number; seconds: number; warmupSec: number; connections: number },
): Promise<Measured[][]> {
  for (const target of targets) await measure(target, plan.warmupSec, plan.connections);
  const runs = targets.map((): Measured[] => []);
  for (let round = 0; round < plan.rounds; round += 1)
    for (let i = 0; i < targets.length; i += 1) {
      const which = (i + round) % targets.length;
      runs[which]!.push(await measure(targets[which]!, plan.seconds, plan.connections));
    }
  return runs;
}

/** The run with the median requests/s. */
export function median(runs: readonly Measured[]): Measured {
  return [...runs].sort((x, y) => x.requestsPerSec - y.requestsPerSec)[Math.floor(runs.length / 2)]!;
}

/** One line: median requests/s, every round, latency and statuses of the median run, CPU per request. */
export function describe(runs: readonly Measured[]): string {
  const m = median(runs);
  const statuses = Object.entries(m.statuses).map(([code, n]) => `${code}×${n}`);
  const errors = m.errors + m.timeouts > 0 ? `, ${m.errors} errors, ${m.timeouts} timeouts` : '';
  const rounds = runs.map((r) => Math.round(r.requestsPerSec)).join(' / ');
  return (
    `${Math.round(m.requestsPerSec)} req/s median (rounds ${rounds}); latency p50 ${m.latencyMs.p50} ms, ` +
    `p99 ${m.latencyMs.p99} ms; ${statuses.join(' ')}${errors}; server CPU ${Math.round(m.cpuUsPerRequest)} µs/request`
  );
}
