import pino from 'pino';
import { Writable } from 'node:stream';
import type { Logger } from '@encoder-manager/sdk';

/** One parsed pino line. */
export interface LogLine {
  level: number;
  msg: string;
  plugin?: string;
  code?: string;
  [key: string]: unknown;
}

/** A real pino logger writing into memory, so tests can assert on structured log lines. */
export class MemoryLog {
  readonly lines: LogLine[] = [];

  logger(level = 'trace'): Logger {
    const sink = new Writable({
      write: (chunk: Buffer, _encoding, done) => {
        for (const line of chunk.toString().split('\n').filter(Boolean))
          this.lines.push(JSON.parse(line) as LogLine);
        done();
      },
    });
    return pino({ level }, sink);
  }

  /** Lines at error level (50) or above. */
  errors(): LogLine[] {
    return this.lines.filter((line) => line.level >= 50);
  }
}
