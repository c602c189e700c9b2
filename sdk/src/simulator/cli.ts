import { createInterface } from 'node:readline';
import { commandReply } from './commands.js';

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
