import { DriverError, type DriverErrorCode } from '@encoder-manager/sdk';
import { CloseCode } from './protocol.js';

/** The session dropped while a request waited; the driver reconnects and asks again once. */
export class ConnectionLost extends DriverError {
  constructor(message: string, cause?: unknown) {
    super('EM_DRIVER_UNREACHABLE', message, { cause });
    this.name = 'ConnectionLost';
  }
}

const CLOSE_NAMES: Readonly<Record<number, string>> = Object.fromEntries(
  Object.entries(CloseCode).map(([name, code]) => [code, name]),
);

/**
 * The driver error for a WebSocket close code. 4009 AuthenticationFailed → EM_DRIVER_AUTH; 4010 (a server
 * that cannot speak rpcVersion 1) and other 4xxx protocol closes → EM_DRIVER_PROTOCOL; 4011
 * SessionInvalidated, 1001 going away (OBS exiting) and transport closes → EM_DRIVER_UNREACHABLE.
 */
export function closeError(code: number, reason: string): DriverError {
  const name = CLOSE_NAMES[code] ?? (code === 1001 ? 'GoingAway' : code === 1006 ? 'Abnormal' : 'Close');
  const message = `OBS closed the connection: ${code} ${name}${reason ? ` (${reason})` : ''}`;
  if (code === CloseCode.AuthenticationFailed)
    return new DriverError('EM_DRIVER_AUTH', message, {
      hint: 'Check `password` against OBS → Tools → WebSocket Server Settings.',
    });
  const code4xxx = code >= 4000 && code < 5000 && code !== CloseCode.SessionInvalidated;
  const kind: DriverErrorCode = code4xxx ? 'EM_DRIVER_PROTOCOL' : 'EM_DRIVER_UNREACHABLE';
  return new DriverError(kind, message);
}
