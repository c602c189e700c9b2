// `npm run bench -- api [seconds] [wsClients] [eventsPerSec]`: one run, loopback only, printing
//   1. bare Koa hello-world requests/s,
//   2. GET /api/v1/encoders requests/s on a real agent (driver-simulated + api: Bearer key, per-key rate
//      limit, validation, JSON) and the ratio to (1) — target ≥ 0.5,
//   3. WebSocket fan-out publish→receive latency of every frame to N clients (default 1000) — target
//      p99 < 100 ms.
// autocannon and the WebSocket clients run in child processes, so the serving process keeps its core; the
// two HTTP targets alternate over a few rounds so other load on a shared machine hits both alike. The
// agent's caps and limits are raised through its config only. Every phase is bounded in time.
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { cliCommandsRef } from '@encoder-manager/sdk';
import { loadConfigFromSource, startAgent, type Agent } from '@encoder-manager/core';
import { fanOut, type FanOutResult } from './helpers/api-fanout.js';
import {
  alternate,
  describe,
  median,
  startKoaHello,
  startKoaSameAnswer,
  type Measured,
} from './helpers/api-http.js';

const HTTP = { rounds: 3, warmupSec: 2, connections: 16 };
const FAN_OUT = { seconds: 5, deliveryDeadlineMs: 15_000 };
const ROOMY = { points: 100_000_000, durationSec: 60 };

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** The agent's api config for the bench: limits and caps raised for one address, one key and N sockets. */
function apiConfig(port: number, clients: number): Record<string, unknown> {
  return {
    listen: { host: '127.0.0.1', port },
    rateLimits: { perIp: ROOMY, policies: { read: [ROOMY] } },
    ws: { maxConnectionsPerKey: clients, maxConnections: clients + 10 },
  };
}

async function startBenchAgent(
  dir: string,
  port: number,
  clients: number,
): Promise<{ agent: Agent; key: string }> {
  const api = JSON.stringify(apiConfig(port, clients));
  const text = `agent: { dataDir: ${dir} }\nlog: { level: error, summaryIntervalSec: 0 }\nplugins:\n  driver-simulated: { config: { encoders: 3 } }\n  api: { config: ${api} }\n`;
  const env = { ...process.env, DATABASE_URL: '' };
  const config = await loadConfigFromSource({ name: 'bench.yaml', baseDir: dir, text }, env);
  if (config.problems.length > 0) throw new Error(JSON.stringify(config.problems));
  const agent = await startAgent(config, { env });
  const keys = agent.services.useAll(cliCommandsRef).find((c) => c.name === 'keys')!;
  let out = '';
  const args = ['create', '--name', 'bench', '--scope', 'read', '--json'];
  await keys.run(args, { out: (l) => (out = l), err: () => undefined }, new AbortController().signal);
  return { agent, key: (JSON.parse(out) as { key: string }).key };
}

/** Waits (at most 10 s) until every encoder in the list has a sample, so the answer has its usual size. */
async function firstSamples(target: { url: string; headers: Record<string, string> }): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    const answer = (await (await fetch(target.url, { headers: target.headers })).json()) as {
      items?: { latest?: unknown }[];
    };
    if (answer.items?.length && answer.items.every((item) => item.latest)) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

const verdict = (ok: boolean) => (ok ? 'meets' : 'MISSES');

/** Median requests/s of `runs` over `base`, per round, and by server CPU time per request. */
function ratioLine(
  label: string,
  runs: readonly Measured[],
  base: readonly Measured[],
  target: boolean,
): string {
  const ratio = median(runs).requestsPerSec / median(base).requestsPerSec;
  const perRound = runs.map((r, i) => (r.requestsPerSec / base[i]!.requestsPerSec).toFixed(2)).join(' / ');
  const byCpu = median(base).cpuUsPerRequest / median(runs).cpuUsPerRequest;
  const goal = target ? ` — ${verdict(ratio >= 0.5)} the ≥ 0.5 target` : '';
  return `${label}: ${ratio.toFixed(2)} (rounds ${perRound})${goal}; by server CPU per request ${byCpu.toFixed(2)}`;
}

function fanOutLine(r: FanOutResult, rate: number): string {
  const { p50, p95, p99, max } = r.latencyMs;
  const perFrameUs = (r.agentCpuMsPerEvent * 1000) / Math.max(1, r.ready);
  return (
    `WebSocket fan-out: ${r.ready} clients (${r.refused} refused), ${r.published} events at ${rate}/s → ` +
    `${r.events}/${r.published * r.ready} signed frames received and verified (${r.problems} bad); ` +
    `publish→receive p50 ${p50} ms, p95 ${p95} ms, p99 ${p99} ms, max ${max} ms — ${verdict(p99 < 100)} the ` +
    `p99 < 100 ms target; agent CPU ${r.agentCpuMsPerEvent.toFixed(1)} ms per event (${perFrameUs.toFixed(0)} µs ` +
    `per frame), CPU share agent ${Math.round(r.agentCpuShare * 100)} %, clients ${Math.round(r.clientsCpuShare * 100)} %`
  );
}

export async function run(args: string[]): Promise<void> {
  const [seconds, clients, rate] = [Number(args[0] ?? 5), Number(args[1] ?? 1000), Number(args[2] ?? 20)];
  const say = (line: string) => process.stdout.write(`${line}\n`);
  const load = () =>
    loadavg()
      .map((n) => n.toFixed(1))
      .join(' ');
  say(
    `api bench: node ${process.version}, ${availableParallelism()} CPUs (${cpus()[0]?.model ?? '?'}), load average ` +
      `${load()}; autocannon (${HTTP.connections} connections) and WebSocket clients in child processes; ` +
      `${HTTP.rounds} alternating rounds of ${seconds} s per HTTP target after a ${HTTP.warmupSec} s warm-up`,
  );
  const dir = mkdtempSync(join(tmpdir(), 'em-bench-api-'));
  const port = await freePort();
  const { agent, key } = await startBenchAgent(dir, port, clients);
  try {
    const api = {
      url: `http://127.0.0.1:${port}/api/v1/encoders`,
      headers: { Authorization: `Bearer ${key}` },
    };
    await firstSamples(api);
    const hello = await startKoaHello();
    const same = await startKoaSameAnswer(api);
    const [koaRuns, apiRuns, sameRuns] = await alternate([hello.target, api, same.target], {
      ...HTTP,
      seconds,
    });
    await Promise.all([hello.close(), same.close()]);
    say(`bare Koa hello-world:                   ${describe(koaRuns!)}`);
    say(`GET /api/v1/encoders (key, rate limit): ${describe(apiRuns!)}`);
    say(ratioLine('ratio to bare Koa', apiRuns!, koaRuns!, true));
    say(`reference — bare Koa sending the same JSON answer and headers: ${describe(sameRuns!)}`);
    say(ratioLine('reference — agent to that', apiRuns!, sameRuns!, false));
    say(fanOutLine(await fanOut(agent, port, key, { ...FAN_OUT, clients, eventsPerSec: rate }), rate));
    say(`load average at the end: ${load()}`);
  } finally {
    await agent.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
