import pino from 'pino';
import pretty from 'pino-pretty';
import type { Logger } from '@encoder-manager/sdk';

/** Logger settings from the `log:` section. */
export interface LoggerOptions {
  readonly level: string;
  readonly pretty: 'auto' | 'always' | 'never';
  /** Where JSON lines go; stdout by default. Tests pass a stream to read them back. */
  readonly destination?: NodeJS.WritableStream;
}

/**
 * pino, JSON by default (one object per line, `plugin` on every plugin line), colourised and
 * human-readable when stdout is a terminal. Writes are synchronous so nothing is lost at exit.
 */
export function createLogger(options: LoggerOptions): Logger {
  const base = { level: options.level, base: { pid: process.pid }, timestamp: pino.stdTimeFunctions.isoTime };
  const usePretty =
    options.pretty === 'always' || (options.pretty === 'auto' && process.stdout.isTTY === true);
  if (usePretty && !options.destination) {
    return pino(
      base,
      pretty({ colorize: true, sync: true, ignore: 'pid,hostname', translateTime: 'SYS:HH:MM:ss' }),
    );
  }
  return pino(base, options.destination ?? pino.destination({ dest: 1, sync: true }));
}
