import type { LogFn, Logger } from '@encoder-manager/sdk';

/** The pino levels, lowest first. */
export type LogLevel = 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal';

/** One captured log call. */
export interface LogRecord {
  /** The method that was called (`info`, `warn` …). */
  readonly level: LogLevel;
  /** The message, or undefined when only fields were logged. */
  readonly msg: string | undefined;
  /** The logger's bindings (for example `plugin`) merged with the call's own fields; call fields win. */
  readonly fields: Readonly<Record<string, unknown>>;
}

/**
 * A pino-compatible `Logger` that appends every call to `sink` instead of writing JSON, so tests
 * can assert on what a plugin logged. Every level is recorded; tests filter rather than configure.
 *
 * @param sink - The array records are pushed to.
 * @param bindings - Fields added to every record, as pino's `child` bindings are.
 */
export function createMemoryLogger(
  sink: LogRecord[],
  bindings: Readonly<Record<string, unknown>> = {},
): Logger {
  const method = (level: LogLevel): LogFn => {
    function log(msg: string): void;
    function log(fields: Record<string, unknown>, msg?: string): void;
    function log(first: string | Record<string, unknown>, msg?: string): void {
      if (typeof first === 'string') {
        sink.push({ level, msg: first, fields: { ...bindings } });
      } else if (first instanceof Error) {
        // pino files a bare error under `err` and takes its message; spreading would lose both (non-enumerable).
        sink.push({ level, msg: msg ?? first.message, fields: { ...bindings, err: first } });
      } else {
        sink.push({ level, msg, fields: { ...bindings, ...first } });
      }
    }
    return log;
  };
  return {
    trace: method('trace'),
    debug: method('debug'),
    info: method('info'),
    warn: method('warn'),
    error: method('error'),
    fatal: method('fatal'),
    child: (more) => createMemoryLogger(sink, { ...bindings, ...more }),
  };
}
