import { EmError, errorMessageOf, type ErrorCode } from './errors.js';

/** The error codes a driver may raise. */
export type DriverErrorCode = Extract<
  ErrorCode,
  | 'EM_DRIVER_UNREACHABLE'
  | 'EM_DRIVER_AUTH'
  | 'EM_DRIVER_PROTOCOL'
  | 'EM_DRIVER_TIMEOUT'
  | 'EM_DRIVER_UNSUPPORTED'
  | 'EM_DRIVER_NOT_CONFIRMED'
>;

/** A typed driver failure. Protocol errors keep (an excerpt of) the device's raw reply. */
export class DriverError extends EmError {
  declare readonly code: DriverErrorCode;
  /** The device's reply, at most 500 characters, for protocol errors. */
  readonly raw: string | undefined;

  constructor(
    code: DriverErrorCode,
    message: string,
    options: { cause?: unknown; raw?: string; hint?: string } = {},
  ) {
    super(code, message, {
      cause: options.cause,
      hint: options.hint,
      details: options.raw === undefined ? undefined : { raw: excerpt(options.raw) },
    });
    this.name = 'DriverError';
    this.raw = options.raw === undefined ? undefined : excerpt(options.raw);
  }
}

/** A protocol error quoting what the device sent. */
export function protocolError(what: string, raw: string): DriverError {
  return new DriverError('EM_DRIVER_PROTOCOL', `${what}: ${JSON.stringify(excerpt(raw, 120))}`, { raw });
}

/** Maps a fetch/undici/socket failure to unreachable or timeout, keeping driver errors as they are. */
export function classifyNetworkError(error: unknown, target: string, signal?: AbortSignal): DriverError {
  if (error instanceof DriverError) return error;
  if (signal?.aborted || isTimeout(error)) {
    return new DriverError('EM_DRIVER_TIMEOUT', `${target} did not answer in time`, { cause: error });
  }
  return new DriverError('EM_DRIVER_UNREACHABLE', `${target} unreachable: ${describeCause(error)}`, {
    cause: error,
  });
}

/**
 * undici's own timeouts (connect 10 s by default, headers, body) can fire before a driver's longer
 * deadline; they mean the same as that deadline passing. fetch wraps them in `cause`, `request` does not.
 */
const UNDICI_TIMEOUT_CODES: ReadonlySet<string> = new Set([
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
]);

function isTimeout(error: unknown): boolean {
  const name = error instanceof Error ? error.name : '';
  if (name === 'TimeoutError' || name === 'AbortError') return true;
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
  return [error, cause].some((e) => UNDICI_TIMEOUT_CODES.has(codeOf(e) ?? ''));
}

function codeOf(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : undefined;
}

function describeCause(error: unknown): string {
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
  return codeOf(cause) ?? errorMessageOf(cause);
}

function excerpt(raw: string, max = 500): string {
  return raw.length > max ? `${raw.slice(0, max)}…` : raw;
}
