// `npm run bench -- api [requests] [wsClients]`: an agent (driver-simulated + api) on loopback. Measures an
// authenticated GET (auth, rate limiting, validation, JSON) with keep-alive connections, and WebSocket
// fan-out of bus events to N clients. Bounded by count and by time; only 127.0.0.1 is contacted.
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent as HttpAgent, request } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WebSocket } from 'ws';
import { cliCommandsRef } from '@encoder-manager/sdk';
import { loadConfigFromSource, startAgent, type Agent } from '@encoder-manager/core';

const CONCURRENCY = 32;
const HTTP_TIME_LIMIT_MS = 20_000;
const WS_EVENTS = 2_000;
const WS_TIME_LIMIT_MS = 20_000;

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

async function start(port: number, dir: string): Promise<{ agent: Agent; key: string }> {
  const roomy = [{ points: 1_000_000, durationSec: 60 }];
  const api = {
    listen: { host: '127.0.0.1', port },
    rateLimits: { perIp: roomy[0], policies: { read: roomy } },
    ws: { maxConnectionsPerKey: 1000 },
  };
  const text = `agent: { dataDir: ${dir} }\nlog: { level: error, summaryIntervalSec: 0 }\nplugins:\n  driver-simulated: { config: { encoders: 3 } }\n  api: { config: ${JSON.stringify(api)} }\n`;
  const env = { ...process.env, DATABASE_URL: '' };
  const config = await loadConfigFromSource({ name: 'bench.yaml', baseDir: dir, text }, env);
  if (config.problems.length > 0) throw new Error(JSON.stringify(config.problems));
  const agent = await startAgent(config, { env });
  const keys = agent.services.useAll(cliCommandsRef).find((c) => c.name === 'keys')!;
  let out = '';
  await keys.run(
    ['create', '--name', 'bench', '--scope', 'read', '--json'],
    { out: (l) => (out = l), err: () => undefined },
    new AbortController().signal,
  );
  return { agent, key: (JSON.parse(out) as { key: string }).key };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

function get(agent: HttpAgent, port: number, key: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path: '/api/v1/encoders/sim-1',
        agent,
        headers: { Authorization: `Bearer ${key}` },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

async function httpBench(port: number, key: string, total: number, label: string): Promise<void> {
  const agent = new HttpAgent({ keepAlive: true, maxSockets: CONCURRENCY });
  const latencies: number[] = [];
  const statuses = new Map<number, number>();
  const deadline = performance.now() + HTTP_TIME_LIMIT_MS;
  let issued = 0;
  const started = performance.now();
  const worker = async () => {
    while (issued < total && performance.now() < deadline) {
      issued += 1;
      const t0 = performance.now();
      const status = await get(agent, port, key);
      latencies.push(performance.now() - t0);
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const seconds = (performance.now() - started) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const codes = [...statuses].map(([code, n]) => `${code}×${n}`).join(' ');
  process.stdout.write(
    `${label}: GET /api/v1/encoders/sim-1 (Bearer key, rate limit, JSON), ${CONCURRENCY} keep-alive connections: ${latencies.length} requests in ${seconds.toFixed(2)} s = ${Math.round(latencies.length / seconds)} req/s; ` +
      `latency p50 ${percentile(latencies, 50).toFixed(2)} ms, p95 ${percentile(latencies, 95).toFixed(2)} ms, p99 ${percentile(latencies, 99).toFixed(2)} ms; statuses ${codes}\n`,
  );
}

async function wsBench(agent: Agent, port: number, key: string, clients: number): Promise<void> {
  const counts = new Array<number>(clients).fill(0);
  const sockets: WebSocket[] = [];
  for (let i = 0; i < clients; i += 1) {
    const ws = new WebSocket(`ws://127.0.0.1:${port}/api/v1/events?events=plugin.state`, {
      headers: { Authorization: `Bearer ${key}` },
    });
    ws.on('message', (data) => {
      if (data.toString().includes('"type":"plugin.state"')) counts[i]! += 1;
    });
    await new Promise<void>((resolve, reject) => ws.once('open', () => resolve()).once('error', reject));
    sockets.push(ws);
  }
  const started = performance.now();
  const deadline = started + WS_TIME_LIMIT_MS;
  for (let sent = 0; sent < WS_EVENTS; sent += 100) {
    for (let i = 0; i < 100; i += 1)
      agent.bus.publish('bench', 'plugin.state', { plugin: 'bench', state: 'loaded', at: Date.now() });
    await new Promise((resolve) => setImmediate(resolve));
  }
  while (counts.some((n) => n < WS_EVENTS) && performance.now() < deadline)
    await new Promise((resolve) => setTimeout(resolve, 5));
  const seconds = (performance.now() - started) / 1000;
  const delivered = counts.reduce((a, b) => a + b, 0);
  process.stdout.write(
    `WebSocket fan-out: ${WS_EVENTS} events to ${clients} clients, ${delivered} signed frames delivered in ${seconds.toFixed(2)} s = ${Math.round(delivered / seconds)} frames/s (${delivered === WS_EVENTS * clients ? 'none lost' : `${WS_EVENTS * clients - delivered} missing at the time limit`})\n`,
  );
  for (const ws of sockets) ws.terminate();
}

export async function run(args: string[]): Promise<void> {
  const total = Number(args[0] ?? 20_000);
  const clients = Number(args[1] ?? 50);
  const dir = mkdtempSync(join(tmpdir(), 'em-bench-api-'));
  const port = await freePort();
  const { agent, key } = await start(port, dir);
  process.stdout.write(`api: node ${process.version}, loopback 127.0.0.1:${port}, SQLite store\n`);
  try {
    await httpBench(port, key, Math.min(total, 1000), 'warm-up');
    await httpBench(port, key, total, 'measured');
    await wsBench(agent, port, key, clients);
  } finally {
    await agent.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
