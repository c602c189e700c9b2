import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

/** A simulator CLI started by a test, talking line by line on stdin/stdout. */
export interface SimulatorProcess {
  /** The running process, for what the helpers do not cover. */
  readonly child: ChildProcessWithoutNullStreams;
  /** The next line the process prints on stdout; rejects, with its stderr, when it exits first. */
  nextLine(): Promise<string>;
  /** Writes one command line to the process's stdin. */
  send(line: string): void;
  /**
   * Ends the process and resolves with its exit code: by writing `quitLine` when given (a CLI's own
   * `quit` command), else with SIGTERM.
   */
  stop(quitLine?: string): Promise<number | null>;
}

/** How a process that was expected to stop on its own ended. */
export interface SimulatorExit {
  /** The exit code; null when a signal ended it. */
  readonly code: number | null;
  /** Everything it printed on stderr. */
  readonly stderr: string;
}

/** Starts a simulator bin (a `.js` file run with this Node) with `args`. */
export function spawnSimulator(bin: string | URL, args: readonly string[]): SimulatorProcess {
  const child = spawn(process.execPath, [binPath(bin), ...args]);
  const stderr = collect(child.stderr);
  const exited = exitOf(child);
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  return {
    child,
    async nextLine() {
      const next = await lines.next();
      if (next.done === true) throw new Error(`the simulator exited before printing a line: ${stderr()}`);
      return String(next.value);
    },
    send: (line) => void child.stdin.write(`${line}\n`),
    async stop(quitLine) {
      if (child.exitCode === null && child.signalCode === null) {
        if (quitLine === undefined) child.kill('SIGTERM');
        else child.stdin.write(`${quitLine}\n`);
      }
      return exited;
    },
  };
}

/** Runs a simulator bin that should stop by itself (a bad flag, `--help`) and reports how it ended. */
export async function runSimulatorToExit(bin: string | URL, args: readonly string[]): Promise<SimulatorExit> {
  const child = spawn(process.execPath, [binPath(bin), ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
  const stderr = collect(child.stderr);
  const code = await exitOf(child);
  return { code, stderr: stderr() };
}

function binPath(bin: string | URL): string {
  return typeof bin === 'string' ? bin : fileURLToPath(bin);
}

function collect(stream: NodeJS.ReadableStream): () => string {
  let text = '';
  stream.on('data', (chunk: Buffer) => (text += chunk.toString()));
  return () => text;
}

// 'close' rather than 'exit': it comes after stdout/stderr are drained, so nothing printed is missed.
function exitOf(child: { once(event: 'close', listener: (code: number | null) => void): unknown }) {
  return new Promise<number | null>((resolve) => child.once('close', resolve));
}
