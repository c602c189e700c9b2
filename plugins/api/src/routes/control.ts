import type { ControlAction, ControlResult } from '@encoder-manager/sdk';
import type { KeyRecord } from '../keys/record.js';
import { validationProblem } from '../http/problem.js';
import type { ServiceAccess } from '../http/services.js';
import { visibleEncoder } from '../http/visibility.js';

/** A control request as the API takes it. */
export interface ControlRequest {
  readonly action: 'start' | 'stop' | 'reboot';
  readonly output?: string;
}

/**
 * Runs start/stop/reboot through the encoder's driver and returns the read-back result: `confirmed` is
 * true only when the device's state matches the request, never on a mere "accepted".
 */
export async function runControl(
  services: ServiceAccess,
  key: KeyRecord | undefined,
  encoderId: string,
  request: ControlRequest,
  signal: AbortSignal,
): Promise<ControlResult & { encoderId: string }> {
  visibleEncoder(key, services.encoders, encoderId);
  const result = await services.encoders.control(encoderId, actionOf(request), signal);
  return { encoderId, ...result };
}

function actionOf(request: ControlRequest): ControlAction {
  if (request.action === 'reboot') return { type: 'reboot' };
  if (!request.output)
    throw validationProblem([{ pointer: '/body/output', detail: `is required for ${request.action}` }]);
  return { type: request.action, outputId: request.output };
}
