/** One pino-style log method: a message, or structured fields followed by a message. */
export interface LogFn {
  (msg: string): void;
  (fields: Record<string, unknown>, msg?: string): void;
}

/** Structured JSON logger (pino-compatible). The plugin context's logger already carries `plugin: <name>`. */
export interface Logger {
  trace: LogFn;
  debug: LogFn;
  info: LogFn;
  warn: LogFn;
  error: LogFn;
  fatal: LogFn;
  child(bindings: Record<string, unknown>): Logger;
}
