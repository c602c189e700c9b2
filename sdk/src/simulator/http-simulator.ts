import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Clock } from '@encoder-manager/sdk';
import { commandReply } from './commands.js';
import { readBody, sendJson } from './http-replies.js';
import { startHttpServer } from './http-server.js';

/** The path of a simulator's control endpoint: exempt from auth and faults, so it is always reachable. */
export const SIMULATOR_CONTROL_PATH = '/__sim';

/** How many device requests {@link HttpSimulator.requests} keeps. */
export const REQUEST_LOG_SIZE = 500;

/** Faults that act before the device sees a request; the simulator's fault logic switches them. */
export interface TransportFaults {
  /** Replies are held back by the slow delay. */
  slow: boolean;
  /** Connections are reset without a reply. */
  unreachable: boolean;
}

/** Settings for {@link startHttpSimulator}. */
export interface HttpSimulatorOptions {
  /** Default 0: a free port. */
  readonly port?: number;
  /** Default 127.0.0.1. */
  readonly host?: string;
  /** Times the slow fault. */
  readonly clock: Clock;
  /** How late replies are under the slow fault; default 5000 ms. */
  readonly slowMs?: number;
  /** Runs one control command line: the body of `POST /__sim`; `GET /__sim` runs `status`. */
  command(line: string): unknown;
  /** The device's own routes, reached after the transport faults. */
  handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void>;
  /** A further reason to reset connections, e.g. a power cycle in progress. */
  isDown?(): boolean;
}

/** A running HTTP device simulator. */
export interface HttpSimulator {
  /** `http://<host>:<port>`, where a driver connects. */
  readonly url: string;
  /** The port it got (the real one when 0 was asked for). */
  readonly port: number;
  /** Switch these to fault the transport; they start off. */
  readonly transport: TransportFaults;
  /** Device requests seen, oldest first (at most {@link REQUEST_LOG_SIZE}), e.g. `GET /config?paramid=…`. */
  requests(): readonly string[];
  /** Ends pending slow replies and closes the server with its connections. */
  close(): Promise<void>;
}

/**
 * Serves an HTTP device simulator: the control endpoint first (never faulted), then the transport faults
 * (reset when unreachable or down, log the request, hold it when slow), then the device's routes.
 */
export async function startHttpSimulator(options: HttpSimulatorOptions): Promise<HttpSimulator> {
  const transport: TransportFaults = { slow: false, unreachable: false };
  const log: string[] = [];
  const closing = new AbortController();
  const server = await startHttpServer(
    async (req, res) => {
      const url = new URL(req.url ?? '/', 'http://simulator');
      if (url.pathname === SIMULATOR_CONTROL_PATH) return controlEndpoint(req, res, options.command);
      if (transport.unreachable || options.isDown?.() === true) return void req.socket.destroy();
      if (log.push(`${req.method} ${url.pathname}${url.search}`) > REQUEST_LOG_SIZE) log.shift();
      if (transport.slow) await options.clock.sleep(options.slowMs ?? 5000, closing.signal);
      await options.handle(req, res, url);
    },
    { port: options.port, host: options.host },
  );
  return {
    url: server.url,
    port: server.port,
    transport,
    requests: () => [...log],
    async close() {
      closing.abort();
      await server.close();
    },
  };
}

/** `GET /__sim` → the status; `POST /__sim` with one command line as the body → its reply (400 on a bad one). */
export async function controlEndpoint(
  req: IncomingMessage,
  res: ServerResponse,
  run: (line: string) => unknown,
): Promise<void> {
  const line = req.method === 'POST' ? (await readBody(req)).trim() : 'status';
  const reply = commandReply(run, line);
  sendJson(res, reply.ok ? 200 : 400, reply);
}
