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

/** Maps a fetch/socket failure to unreachable or timeout, keeping driver errors as they are. */
export function classifyNetworkError(error: unknown, target: string, signal?: AbortSignal): DriverError {
  if (error instanceof DriverError) return error;
  if (signal?.aborted || isTimeout(error)) {
    return new DriverError('EM_DRIVER_TIMEOUT', `${target} did not answer in time`, { cause: error });
  }
  return new DriverError('EM_DRIVER_UNREACHABLE', `${target} unreachable: ${describeCause(error)}`, {
    cause: error,
  });
}

function isTimeout(error: unknown): boolean {
  const name = error instanceof Error ? error.name : '';
  return name === 'TimeoutError' || name === 'AbortError';
}

function describeCause(error: unknown): string {
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
  const code =
    typeof cause === 'object' && cause !== null && 'code' in cause ? String(cause.code) : undefined;
  return code ?? errorMessageOf(cause);
}

function excerpt(raw: string, max = 500): string {
  return raw.length > max ? `${raw.slice(0, max)}…` : raw;
}
