// Child process of `npm run bench -- api`: N WebSocket clients of the agent's event stream, each verifying
// every frame with the reference client's FrameVerifier (examples/ws-client). For each event frame it
// records publish→receive latency: the receive time is taken on arrival, before verification, against the
// publish time the parent put in the payload (`at`, performance.timeOrigin + performance.now(), which
// both processes read from the same system clock).
//   argv: <ws url> <api key> <clients>
//   stdout: {"ready":n,"refused":k} once connected; then one report per `report` line on stdin.
import { createInterface } from 'node:readline';
import { WebSocket } from 'ws';
import { FrameVerifier } from 'encoder-manager-ws-client';

const OPENING_IN_PARALLEL = 50;
const now = () => performance.timeOrigin + performance.now();

/** What the parent reads back. */
export interface FanOutReport {
  readonly events: number;
  readonly problems: number;
  readonly latencyMs: {
    readonly p50: number;
    readonly p95: number;
    readonly p99: number;
    readonly max: number;
  };
  /** CPU time this process used since it was ready (user + system). */
  readonly cpuMs: number;
}

const latencies: number[] = [];
let cpuAtReady: NodeJS.CpuUsage | undefined;
let problems = 0;

function open(url: string, key: string): Promise<WebSocket | undefined> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url, { headers: { Authorization: `Bearer ${key}` }, perMessageDeflate: false });
    const verifier = new FrameVerifier(key);
    ws.on('message', (data) => {
      const arrived = now();
      const { verdict, frame } = verifier.receive(String(data));
      if (verdict !== 'ok') problems += 1;
      else if (frame?.type === 'plugin.state' && frame.data.plugin === 'bench')
        latencies.push(arrived - Number(frame.data.at));
    });
    ws.once('open', () => resolve(ws));
    ws.once('error', () => resolve(undefined));
  });
}

function cpuMsSince(start: NodeJS.CpuUsage | undefined): number {
  const { user, system } = process.cpuUsage(start);
  return Math.round((user + system) / 1000);
}

function report(): FanOutReport {
  const sorted = Float64Array.from(latencies).sort();
  const at = (q: number) =>
    Number((sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0).toFixed(2));
  return {
    events: sorted.length,
    problems,
    latencyMs: { p50: at(0.5), p95: at(0.95), p99: at(0.99), max: Number((sorted.at(-1) ?? 0).toFixed(2)) },
    cpuMs: cpuMsSince(cpuAtReady),
  };
}

async function main(): Promise<void> {
  const [url, key, count] = [process.argv[2]!, process.argv[3]!, Number(process.argv[4])];
  const sockets: WebSocket[] = [];
  let refused = 0;
  for (let opened = 0; opened < count; opened += OPENING_IN_PARALLEL) {
    const batch = Math.min(OPENING_IN_PARALLEL, count - opened);
    for (const ws of await Promise.all(Array.from({ length: batch }, () => open(url, key))))
      if (ws) sockets.push(ws);
      else refused += 1;
  }
  cpuAtReady = process.cpuUsage();
  process.stdout.write(`${JSON.stringify({ ready: sockets.length, refused })}\n`);
  const lines = createInterface({ input: process.stdin });
  lines.on('line', (line) => line === 'report' && process.stdout.write(`${JSON.stringify(report())}\n`));
  lines.on('close', () => {
    for (const ws of sockets) ws.terminate();
    process.exit(0);
  });
}

main().catch((error: unknown) => {
  process.stderr.write(`api-ws-clients: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(2);
});
