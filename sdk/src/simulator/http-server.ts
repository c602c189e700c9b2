import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Handles one request; a handler that throws or rejects resets that one connection. */
export type SimulatorRequestHandler = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

/** Where a simulator server listens. */
export interface ListenOptions {
  /** Default 0: the OS picks a free port. */
  readonly port?: number;
  /** Default 127.0.0.1: simulators never listen beyond the loopback unless asked to. */
  readonly host?: string;
}

/** A listening simulator HTTP server. */
export interface SimulatorHttpServer {
  /** The Node server, e.g. to attach a WebSocket server to. */
  readonly server: Server;
  /** The port it got (the real one when 0 was asked for). */
  readonly port: number;
  /** `http://<host>:<port>`. */
  readonly url: string;
  /** Stops listening and tears down every open connection, keep-alive ones included. */
  close(): Promise<void>;
}

/** Starts `server` listening and resolves with the port it got; rejects when it cannot listen. */
export async function listenOn(server: Server, options: ListenOptions = {}): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  return (server.address() as AddressInfo).port;
}

/**
 * Closes `server` and destroys every open connection. `server.close()` alone waits for keep-alive
 * sockets (fetch keeps them), which would hold a test or a CLI shutdown open.
 */
export function closeServer(server: Server): Promise<void> {
  return new Promise<void>((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

/** Creates an HTTP server for `handler` and starts it listening (on 127.0.0.1 and a free port by default). */
export async function startHttpServer(
  handler: SimulatorRequestHandler,
  options: ListenOptions = {},
): Promise<SimulatorHttpServer> {
  // The async wrapper turns a synchronous throw into a rejection, so both end in a reset connection.
  const server = createServer(
    (req, res) => void (async () => handler(req, res))().catch(() => res.destroy()),
  );
  const port = await listenOn(server, options);
  return {
    server,
    port,
    url: `http://${options.host ?? '127.0.0.1'}:${port}`,
    close: () => closeServer(server),
  };
}
