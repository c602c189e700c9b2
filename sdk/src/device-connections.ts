// Keep-alive connections to devices, a few per origin. undici's Agent gives each origin a Pool whose
// request queue is a fixed 2,048-slot array (16 KiB) from the start; with one origin per encoder that
// was 80 MB for 5,000 encoders, kept in the old generation and scanned by every full GC (issue 4: GC
// was 41 % of the agent's CPU at 5,000). A Client per connection costs ~350 bytes.
import { Client } from 'undici';

/**
 * Connections opened to one device at most. Drivers send a few requests at once at most (the Pearl
 * driver four per poll); more wait on the least busy connection.
 */
const MAX_CONNECTIONS_PER_DEVICE = 6;

/** One connection and the number of requests undici has not yet finished on it. */
export interface DeviceConnection {
  readonly client: Client;
  inFlight: number;
}

const byOrigin = new Map<string, DeviceConnection[]>();

/**
 * A connection to `origin` for one more request: an idle one, a new one while under the limit, or else
 * the least busy. The caller counts the request with `inFlight += 1` and releases it once, when undici
 * ends the request (a plain counter: a Set of requests reallocated its table on every poll).
 */
export function connectionTo(origin: string): DeviceConnection {
  let connections = byOrigin.get(origin);
  if (!connections) byOrigin.set(origin, (connections = []));
  let best: DeviceConnection | undefined;
  for (const connection of connections) {
    if (connection.inFlight === 0) return connection;
    if (!best || connection.inFlight < best.inFlight) best = connection;
  }
  if (best && connections.length >= MAX_CONNECTIONS_PER_DEVICE) return best;
  // Sockets are unref'd while idle, so kept-alive connections never hold the process open; redirects
  // are not followed (no redirect interceptor), as with fetch's `redirect: 'manual'` before.
  const connection = { client: new Client(origin), inFlight: 0 };
  connections.push(connection);
  return connection;
}
