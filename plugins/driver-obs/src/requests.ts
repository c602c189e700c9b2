import { DriverError } from '@encoder-manager/sdk';
import type { Static, TSchema } from '@sinclair/typebox';
import { validate, type RequestResponse } from './messages.js';
import { RequestStatus } from './protocol.js';
import type { ObsSocket } from './socket.js';

/** A request OBS answered with a failure status (`requestStatus.result: false`). */
export class ObsRequestFailed extends DriverError {
  constructor(
    readonly requestType: string,
    readonly statusCode: number,
    comment: string | undefined,
  ) {
    const notReady = statusCode === RequestStatus.NotReady;
    super(
      notReady ? 'EM_DRIVER_UNREACHABLE' : 'EM_DRIVER_PROTOCOL',
      `${requestType} failed: code ${statusCode}${comment ? ` (${comment})` : ''}` +
        (notReady ? ' — OBS is not ready (scene collection change or exit)' : ''),
    );
    this.name = 'ObsRequestFailed';
  }
}

/** Sends a request and returns its checked `responseData`; a failure status throws {@link ObsRequestFailed}. */
export async function call<S extends TSchema>(
  socket: ObsSocket,
  requestType: string,
  schema: S,
  signal: AbortSignal,
): Promise<Static<S>> {
  const response = await socket.request(requestType, signal);
  throwIfFailed(response);
  return validate(schema, response.responseData ?? {}, `${requestType} responseData`);
}

/** Throws {@link ObsRequestFailed} unless the status is Success (100). */
export function throwIfFailed(response: RequestResponse): void {
  const { result, code, comment } = response.requestStatus;
  if (!result || code !== RequestStatus.Success)
    throw new ObsRequestFailed(response.requestType, code, comment);
}
