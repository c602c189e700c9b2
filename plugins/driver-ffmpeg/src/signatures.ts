import type { DriverErrorCode } from '@encoder-manager/sdk';

/** Why an ffmpeg process failed: a stable token, the stderr line that shows it, and a driver error code. */
export interface Failure {
  /** Stable token, e.g. `CONNECTION_REFUSED`; `INPUT_` is prepended when the input failed. */
  readonly token: string;
  /** The verbatim stderr line (secrets redacted), or a description when ffmpeg printed none. */
  readonly line: string;
  readonly code: DriverErrorCode;
}

/** How the process ended. */
export interface ExitInfo {
  readonly code: number | null;
  readonly signal: string | null;
  /** The last progress block said `progress=end` (ffmpeg finished its input). */
  readonly ended: boolean;
  /** ffmpeg logged `Exiting normally, received signal N.`: someone else interrupted it. */
  readonly receivedSignal?: number;
}

interface Signature {
  readonly token: string;
  readonly pattern: RegExp;
  readonly code: DriverErrorCode;
}

/**
 * Failure signatures, most specific first (streams-and-failover.md §4.3, TESTED against nginx-rtmp and
 * node-media-server; TLS/reset lines from the issue threads the doc cites). Matched on error-level lines.
 */
export const SIGNATURES: readonly Signature[] = [
  { token: 'ALREADY_PUBLISHING', pattern: /Server error: Already publishing/, code: 'EM_DRIVER_AUTH' },
  { token: 'SERVER_REJECTED', pattern: /Server error: /, code: 'EM_DRIVER_AUTH' },
  { token: 'DNS_FAILURE', pattern: /Failed to resolve hostname/, code: 'EM_DRIVER_UNREACHABLE' },
  { token: 'CONNECTION_REFUSED', pattern: /Connection refused/, code: 'EM_DRIVER_UNREACHABLE' },
  { token: 'TIMED_OUT', pattern: /Connection timed out/, code: 'EM_DRIVER_TIMEOUT' },
  { token: 'CONNECTION_RESET', pattern: /Connection reset by peer/, code: 'EM_DRIVER_UNREACHABLE' },
  { token: 'TLS_ERROR', pattern: /^\[tls @ [^\]]*\] /, code: 'EM_DRIVER_UNREACHABLE' },
  {
    token: 'SRT_CONNECT_FAILED',
    pattern: /^\[srt @ [^\]]*\] Connection to .* failed/,
    code: 'EM_DRIVER_UNREACHABLE',
  },
  { token: 'BROKEN_PIPE', pattern: /Broken pipe/, code: 'EM_DRIVER_UNREACHABLE' },
  { token: 'SERVER_CLOSED', pattern: /: End of file$/, code: 'EM_DRIVER_UNREACHABLE' },
  { token: 'FILE_EXISTS', pattern: /^File '.*' already exists/, code: 'EM_DRIVER_UNSUPPORTED' },
  { token: 'NOT_FOUND', pattern: /No such file or directory/, code: 'EM_DRIVER_UNREACHABLE' },
  { token: 'PERMISSION_DENIED', pattern: /Permission denied/, code: 'EM_DRIVER_UNSUPPORTED' },
  {
    token: 'BAD_OPTION',
    pattern:
      /Unrecognized option|Error splitting the argument list|Unknown encoder|Unable to find a suitable output format|Invalid argument/,
    code: 'EM_DRIVER_UNSUPPORTED',
  },
  // nginx-rtmp answers an on_publish refusal (wrong stream key) and an unknown application alike.
  { token: 'PUBLISH_REJECTED', pattern: /^rtmps?:\/\/.*: Input\/output error$/, code: 'EM_DRIVER_AUTH' },
  { token: 'IO_ERROR', pattern: /Input\/output error/, code: 'EM_DRIVER_UNREACHABLE' },
];

/**
 * Names the failure of a process that ended without being asked to: the most specific signature among
 * its error lines, else how it exited (killed by a signal, input finished, or an unknown exit code).
 */
export function classifyFailure(errors: readonly string[], exit: ExitInfo, source: string): Failure {
  const inputSide = errors.some((line) => line.startsWith(`${source}: `));
  for (const signature of SIGNATURES) {
    const line = errors.find((candidate) => signature.pattern.test(candidate));
    if (line === undefined) continue;
    const token =
      inputSide && signature.token !== 'PUBLISH_REJECTED' ? `INPUT_${signature.token}` : signature.token;
    return { token, line, code: signature.code };
  }
  return classifyExit(exit, errors.at(-1));
}

/** A failure without a recognised stderr line: judged by the exit alone. */
function classifyExit(exit: ExitInfo, lastError: string | undefined): Failure {
  if (exit.signal !== null)
    return { token: 'KILLED', line: `ffmpeg was killed by ${exit.signal}`, code: 'EM_DRIVER_UNREACHABLE' };
  if (exit.receivedSignal !== undefined)
    return {
      token: 'INTERRUPTED',
      line: `Exiting normally, received signal ${exit.receivedSignal}.`,
      code: 'EM_DRIVER_UNREACHABLE',
    };
  if (exit.code === 0 && exit.ended)
    return { token: 'INPUT_EOF', line: 'ffmpeg finished: the input ended', code: 'EM_DRIVER_UNREACHABLE' };
  return {
    token: `EXIT_${exit.code ?? 'UNKNOWN'}`,
    line: lastError ?? `ffmpeg exited with code ${exit.code ?? 'unknown'}`,
    code: 'EM_DRIVER_PROTOCOL',
  };
}
