import type { ControlAction, ControlResult } from '@encoder-manager/sdk';
import { route, type AnyRoute } from '../http/route.js';
import { IdParams } from '../schemas/common.js';
import { ControlBody, ControlResultSchema } from '../schemas/encoders.js';
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

/**
 * The control route, declared once: the API path and the station's documented path are the same
 * operation under two names.
 */
export function controlRoute(where: {
  readonly path: string;
  readonly operationId: string;
  readonly summary: string;
  readonly tag: string;
}): AnyRoute {
  return route({
    method: 'POST',
    ...where,
    scope: 'operate',
    rateLimit: 'control',
    limitPer: 'id',
    params: IdParams,
    body: ControlBody,
    response: ControlResultSchema,
    handle: ({ params, body, key, services, signal }) => runControl(services, key, params.id, body, signal),
  });
}
