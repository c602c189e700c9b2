// Runs a bench helper script in its own Node process (through tsx) and talks to it in JSON lines: the
// parent writes commands to its stdin, the child answers one JSON object per line on stdout. Closing
// stdin tells the child to exit, so a dead parent never leaves it behind.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
const STOP_GRACE_MS = 5000;

/** A helper process: send a command, await its next JSON line; stop it. */
export interface JsonChild {
  readonly pid: number;
  next<T>(): Promise<T>;
  send(command: string): void;
  stop(): Promise<void>;
}

/** Starts `bench/helpers/<script>` with `args`. */
export function startJsonChild(script: string, args: readonly string[]): JsonChild {
  const path = fileURLToPath(new URL(`./${script}`, import.meta.url));
  const child: ChildProcessWithoutNullStreams = spawn(process.execPath, ['--import', 'tsx', path, ...args], {
    cwd: REPO_ROOT,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
  const lines = createInterface({ input: child.stdout });
  const queued: string[] = [];
  const waiting: { resolve(line: string): void; reject(error: Error): void }[] = [];
  lines.on('line', (line) => (waiting.length > 0 ? waiting.shift()!.resolve(line) : queued.push(line)));
  const exited = new Promise<void>((resolve) => child.once('close', () => resolve()));
  void exited.then(() => {
    for (const waiter of waiting.splice(0)) waiter.reject(new Error(`${script} exited: ${stderr}`));
  });
  return {
    pid: child.pid ?? -1,
    next<T>() {
      const line = queued.shift();
      if (line !== undefined) return Promise.resolve(JSON.parse(line) as T);
      if (child.exitCode !== null) return Promise.reject(new Error(`${script} exited: ${stderr}`));
      return new Promise<string>((resolve, reject) => waiting.push({ resolve, reject })).then(
        (text) => JSON.parse(text) as T,
      );
    },
    send: (command) => void child.stdin.write(`${command}\n`),
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.stdin.end();
      const killer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
      await exited;
      clearTimeout(killer);
    },
  };
}
