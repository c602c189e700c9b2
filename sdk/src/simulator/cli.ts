import { createInterface } from 'node:readline';
import type { ParseArgsConfig } from 'node:util';
import { commandReply } from './commands.js';
import { SIMULATOR_CONTROL_PATH } from './http-simulator.js';

/** The end of an HTTP simulator CLI's `--help`: how to drive the simulator while it runs. */
export const SIMULATOR_CONTROL_USAGE = `Control at run time: POST a command line to http://<host>:<port>${SIMULATOR_CONTROL_PATH}, or type it on stdin.
Type "help" for the commands.`;

/** What a simulator CLI's argument parser returns: print the help, or start with these options and faults. */
export interface SimulatorCliPlan<O, F extends string> {
  /** `--help` was given: print the usage and start nothing. */
  readonly help: boolean;
  /** The options for the simulator's start function. */
  readonly options: O;
  /** Faults to inject once it listens. */
  readonly faults: readonly F[];
}

/**
 * The flags every HTTP device simulator CLI takes, as `node:util` `parseArgs` options to spread into
 * its own: `--help`/`-h`, `--port` (default 8080), `--host` (default 127.0.0.1), `--slow-ms` and the
 * repeatable `--fault`. A fresh object each call, since `parseArgs` hands the default array out as is.
 */
export function simulatorFlags() {
  return {
    help: { type: 'boolean', short: 'h' },
    port: { type: 'string', default: '8080' },
    host: { type: 'string', default: '127.0.0.1' },
    'slow-ms': { type: 'string' },
    fault: { type: 'string', multiple: true, default: [] },
  } satisfies ParseArgsConfig['options'];
}

/** A numeric flag value, or undefined when the flag is absent; a RangeError naming the flag otherwise. */
export function optionalNumberFlag(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const number = Number(value);
  if (value.trim() === '' || !Number.isFinite(number))
    throw new RangeError(`${flag} needs a number, got "${value}"`);
  return number;
}

/** A flag value that must be a whole number ≥ 0 (a port, milliseconds); a RangeError naming the flag otherwise. */
export function wholeNumberFlag(flag: string, text: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 0)
    throw new RangeError(`${flag} ${text}: expected a whole number ≥ 0`);
  return value;
}

/** Prints one value as a JSON line on stdout, the CLIs' machine-readable output. */
export function printJsonLine(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value)}\n`);
}

/**
 * Answers every non-blank stdin line with the command's reply, printed as a JSON line
 * (`{"ok":true,"result":…}` or `{"ok":false,"error":"…"}`), the same shape the control endpoint sends.
 */
export function serveStdinCommands(run: (line: string) => unknown): void {
  createInterface({ input: process.stdin }).on('line', (line) => {
    if (line.trim() !== '') printJsonLine(commandReply(run, line));
  });
}

/**
 * Closes the simulator and exits 0 on the first SIGINT or SIGTERM. Returns that stop function, for a
 * CLI's own `quit` command.
 */
export function exitOnSignals(close: () => Promise<void>): () => void {
  const stop = () => void close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return stop;
}

/** What {@link serveSimulatorCli} drives: a running simulator with a control grammar. */
export interface CommandableSimulator {
  /** Where drivers connect; the control endpoint is below it. */
  readonly url: string;
  /** The simulator's state, printed once it listens. */
  status(): unknown;
  /** Runs one control command line; throws on a bad one. */
  command(line: string): unknown;
  /** Stops listening; called on SIGINT/SIGTERM. */
  close(): Promise<void>;
}

/**
 * The JSON-lines side of a simulator CLI once its simulator listens: prints one line
 * `{ simulator, url, control, status }`, answers every stdin line with its command reply, and closes the
 * simulator and exits on SIGINT/SIGTERM.
 */
export function serveSimulatorCli(name: string, sim: CommandableSimulator): void {
  const control = `${sim.url}${SIMULATOR_CONTROL_PATH}`;
  printJsonLine({ simulator: name, url: sim.url, control, status: sim.status() });
  exitOnSignals(() => sim.close());
  serveStdinCommands((line) => sim.command(line));
}

/**
 * Runs a simulator CLI's `main`. A failure (a bad flag, a port in use) prints `<bin>: <message>` on
 * stderr, followed by `usage` when given, and exits with code 2.
 */
export function runSimulatorCli(bin: string, main: () => Promise<void>, usage?: string): void {
  main().catch((error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`${bin}: ${message}\n${usage === undefined ? '' : `${usage}\n`}`);
    process.exit(2);
  });
}
