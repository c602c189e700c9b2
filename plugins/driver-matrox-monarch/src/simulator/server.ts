import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readBody, sendJson } from './http-util.js';

/** The simulator's control path: exempt from auth and faults so a test or integrator can always reach it. */
export const CONTROL_PATH = '/__sim';

/** A listening HTTP server and the port it got. */
export interface Listening {
  readonly server: Server;
  readonly port: number;
  close(): Promise<void>;
}

/** Listens on `host:port` (port 0 = any free port); a throwing handler resets that one connection. */
export async function listen(
  handler: (req: IncomingMessage, res: ServerResponse) => Promise<void>,
  port: number,
  host: string,
): Promise<Listening> {
  const server = createServer((req, res) => void handler(req, res).catch(() => res.destroy()));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  return {
    server,
    port: (server.address() as AddressInfo).port,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** `GET /__sim` → status; `POST /__sim` with one command line as the body → its result (400 on a bad one). */
export async function controlEndpoint(
  req: IncomingMessage,
  res: ServerResponse,
  run: (line: string) => unknown,
): Promise<void> {
  try {
    const line = req.method === 'POST' ? (await readBody(req)).trim() : 'status';
    sendJson(res, 200, { ok: true, result: run(line) });
  } catch (error) {
    sendJson(res, 400, { ok: false, error: error instanceof Error ? error.message : String(error) });
  }
}
