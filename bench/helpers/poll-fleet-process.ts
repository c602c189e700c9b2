// Parent side of the simulator fleet: spawns poll-monarch-fleet.ts children (optionally pinned to CPUs with
// taskset), collects their ports, reads their CPU time and stops them.
import { execFileSync, spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createInterface, type Interface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const SCRIPT = fileURLToPath(new URL('./poll-monarch-fleet.ts', import.meta.url));
const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
const STOP_GRACE_MS = 5000;

/** One fleet child: its devices' ports and a way to ask it for its CPU time. */
interface FleetChild {
  readonly child: ChildProcessWithoutNullStreams;
  readonly ports: readonly number[];
  cpuMs(): Promise<number>;
  stop(): Promise<void>;
}

/** Simulated devices spread over a few processes. */
export interface Fleet {
  readonly ports: readonly number[];
  readonly pids: readonly number[];
  /** CPU time (user + system) all fleet processes used so far. */
  cpuMs(): Promise<number>;
  stop(): Promise<void>;
}

/** True when `taskset` can pin processes (Linux with util-linux). */
export function canPin(): boolean {
  try {
    execFileSync('taskset', ['-p', String(process.pid)], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** Pins every thread of this process (JS, GC, libuv pool) to `cpus`, e.g. "0". */
export function pinSelf(cpus: string): void {
  execFileSync('taskset', ['-a', '-p', '-c', cpus, String(process.pid)], { stdio: 'ignore' });
}

/** Starts `devices` simulators over `processes` children, pinned to `cpus` when given. */
export async function startFleet(devices: number, processes: number, cpus?: string): Promise<Fleet> {
  const share = Math.ceil(devices / processes);
  const counts = Array.from({ length: processes }, (_, i) => Math.min(share, devices - i * share));
  const children = await Promise.all(counts.filter((n) => n > 0).map((n) => startChild(n, cpus)));
  return {
    ports: children.flatMap((c) => c.ports),
    pids: children.map((c) => c.child.pid ?? -1),
    cpuMs: async () => (await Promise.all(children.map((c) => c.cpuMs()))).reduce((a, b) => a + b, 0),
    stop: async () => void (await Promise.all(children.map((c) => c.stop()))),
  };
}

async function startChild(devices: number, cpus: string | undefined): Promise<FleetChild> {
  const node = [process.execPath, '--import', 'tsx', SCRIPT, String(devices)];
  const [command, ...args] = cpus === undefined ? node : ['taskset', '-c', cpus, ...node];
  const child = spawn(command!, args, { cwd: REPO_ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const lines = createInterface({ input: child.stdout });
  const exited = new Promise<void>((resolve) => child.once('close', () => resolve()));
  const first = (await nextJson(lines, () => stderr)) as { ports: number[] };
  return {
    child,
    ports: first.ports,
    async cpuMs() {
      child.stdin.write('cpu\n');
      return ((await nextJson(lines, () => stderr)) as { cpuMs: number }).cpuMs;
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.stdin.end('quit\n');
      const killer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
      await exited;
      clearTimeout(killer);
    },
  };
}

function nextJson(lines: Interface, stderr: () => string): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const onLine = (line: string) => {
      lines.off('close', onClose);
      resolve(JSON.parse(line));
    };
    const onClose = () => {
      lines.off('line', onLine);
      reject(new Error(`a simulator fleet process exited: ${stderr()}`));
    };
    lines.once('line', onLine);
    lines.once('close', onClose);
  });
}
