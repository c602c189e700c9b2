import { DriverError } from '@encoder-manager/sdk';
import { authenticationString, EventSubscription, RPC_VERSION } from './protocol.js';

/** Events the driver subscribes to: General (`ExitStarted`) and Outputs (stream/record state changes). */
export const EVENT_SUBSCRIPTIONS = EventSubscription.General | EventSubscription.Outputs;

/** The Identify `d` for a Hello: with the challenge answer when the server asked for authentication. */
export function identifyData(
  auth: { readonly challenge: string; readonly salt: string } | undefined,
  password: string | undefined,
): Record<string, unknown> {
  const base = { rpcVersion: RPC_VERSION, eventSubscriptions: EVENT_SUBSCRIPTIONS };
  if (!auth) return base;
  if (password === undefined || password === '')
    throw new DriverError(
      'EM_DRIVER_AUTH',
      'OBS requires a password (its Hello carried an authentication challenge)',
      {
        hint: 'Set `password` to the obs-websocket server password (OBS → Tools → WebSocket Server Settings).',
      },
    );
  return { ...base, authentication: authenticationString(password, auth.salt, auth.challenge) };
}
