// Keep-alive connections to devices, a few per origin. undici's Agent gives each origin a Pool whose
// request queue is a fixed 2,048-slot array (16 KiB) from the start; with one origin per encoder that
// was 80 MB for 5,000 encoders, kept in the old generation and scanned by every full GC (issue 4: GC
// was 41 % of the agent's CPU at 5,000). A Client per connection costs ~350 bytes.
import { Client, type Dispatcher } from 'undici';

/**
 * Connections opened to one device at most. Drivers send a few requests at once at most (the Pearl
 * driver four per poll); more wait on the least busy connection.
 */
const MAX_CONNECTIONS_PER_DEVICE = 6;

/** One connection and the requests undici has not yet finished on it. */
interface Connection {
  readonly client: Client;
  inFlight: number;
}

const byOrigin = new Map<string, Connection[]>();

/**
 * Dispatches a request to `origin` on an idle connection, a new one while under the limit, or else the
 * least busy one. `handler` must call `done` exactly once, when undici ends the request (reply complete
 * or error), so the connection counts as free again.
 */
export function dispatchToDevice(
  origin: string,
  options: Omit<Dispatcher.DispatchOptions, 'origin'>,
  handler: (done: () => void) => Dispatcher.DispatchHandler,
): void {
  const connection = pick(origin);
  connection.inFlight += 1;
  let released = false;
  const done = () => {
    if (released) return;
    released = true;
    connection.inFlight -= 1;
  };
  connection.client.dispatch(options, handler(done));
}

function pick(origin: string): Connection {
  let connections = byOrigin.get(origin);
  if (!connections) byOrigin.set(origin, (connections = []));
  let best: Connection | undefined;
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
