// Child process of `npm run bench -- poll`: starts N simulated Matrox Monarch HD devices, each a real
// HTTP server on its own 127.0.0.1 port (one device = one origin, as on a real network), so the measured
// agent process does only the polling side.
//
// stdout: one JSON line `{"ports":[…]}` once all are listening, then one `{"cpuMs":…}` per `cpu` line.
// stdin: `cpu` (CPU time used so far), `quit` (close every device and exit). stdin closing = quit, so a
// dead parent never leaves this process behind.
import { createInterface } from 'node:readline';
import {
  startMatroxMonarchSimulator,
  type MatroxMonarchSimulator,
} from '@encoder-manager/plugin-driver-matrox-monarch/simulator';

const STARTS_IN_PARALLEL = 200;

async function startFleet(count: number): Promise<MatroxMonarchSimulator[]> {
  const sims: MatroxMonarchSimulator[] = [];
  for (let started = 0; started < count; started += STARTS_IN_PARALLEL) {
    const batch = Math.min(STARTS_IN_PARALLEL, count - started);
    const names = Array.from({ length: batch }, (_, i) => `BENCH${started + i}`);
    sims.push(...(await Promise.all(names.map((name) => startMatroxMonarchSimulator({ name })))));
  }
  // Half the devices stream, so replies carry both `ON` and `READY` states.
  sims.forEach((sim, index) => index % 2 === 0 && sim.setOutput('stream', 'active'));
  return sims;
}

async function main(): Promise<void> {
  const count = Number(process.argv[2]);
  if (!Number.isInteger(count) || count < 1) throw new Error(`device count must be a positive integer`);
  const sims = await startFleet(count);
  const print = (value: unknown) => process.stdout.write(`${JSON.stringify(value)}\n`);
  print({ ports: sims.map((sim) => sim.port) });

  let quitting = false;
  const quit = async () => {
    if (quitting) return;
    quitting = true;
    await Promise.all(sims.map((sim) => sim.close()));
    process.exit(0);
  };
  const lines = createInterface({ input: process.stdin });
  lines.on('line', (line) => {
    if (line === 'cpu') {
      const { user, system } = process.cpuUsage();
      print({ cpuMs: (user + system) / 1000 });
    } else if (line === 'quit') void quit();
  });
  lines.on('close', () => void quit());
}

main().catch((error: unknown) => {
  process.stderr.write(`monarch-fleet: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(2);
});
