import type { Clock } from '@encoder-manager/sdk';
import type { KeyService } from '../keys/service.js';
import type { ApiMonitor } from '../metrics/monitor.js';
import type { AnyRoute } from '../http/route.js';
import type { TicketStore } from '../ws/tickets.js';
import { alertRoutes } from './alerts.js';
import { channelRoutes } from './channels.js';
import { encoderRoutes } from './encoders.js';
import { keyRoutes } from './keys.js';
import { notificationRoutes } from './notifications.js';
import { silenceRoutes } from './silences.js';
import { stationRoutes } from './station.js';
import { systemRoutes } from './system.js';

/** Everything the route table is built from. */
export interface RouteTableDeps {
  readonly keys: KeyService;
  readonly tickets: TicketStore;
  readonly monitor: ApiMonitor;
  readonly clock: Clock;
  readonly version: string;
  readonly startedAt: number;
  readonly staleAfterDays: number;
  readonly openapi: () => unknown;
}

/** The route table: every HTTP route of the API, in registration order (specific paths first). */
export function routeTable(deps: RouteTableDeps): AnyRoute[] {
  return [
    ...systemRoutes(deps),
    ...encoderRoutes(),
    ...channelRoutes(),
    ...alertRoutes(),
    ...silenceRoutes(),
    ...notificationRoutes(),
    ...keyRoutes(deps),
    ...stationRoutes(deps.monitor, deps.clock),
  ];
}
