import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { closeServer, listenOn } from '@encoder-manager/sdk/simulator';
import { WebSocketServer } from 'ws';
import { CloseCode, JSON_SUBPROTOCOL, OpCode } from '../protocol.js';
import type { ObsModel } from './model.js';
import { SimSession, type ServerAuth } from './session.js';

/** Settings for {@link ObsServer}. */
export interface ObsServerOptions {
  readonly model: ObsModel;
  /** Undefined: authentication off (no `authentication` in Hello). */
  readonly password: string | undefined;
  readonly slowMs: number;
}

/**
 * The obs-websocket server side: HTTP upgrade on 127.0.0.1, `obswebsocket.json` subprotocol, one
 * {@link SimSession} per client, events broadcast to identified sessions subscribed to their intent.
 */
export class ObsServer {
  readonly #http: Server;
  readonly #wss: WebSocketServer;
  readonly #sessions = new Set<SimSession>();
  readonly auth: ServerAuth;
  port = 0;

  constructor(private readonly options: ObsServerOptions) {
    this.auth = { password: options.password, salt: newSalt() };
    this.#http = createServer((_req, res) => res.writeHead(426).end('obs-websocket: upgrade required'));
    this.#wss = new WebSocketServer({
      server: this.#http,
      perMessageDeflate: false,
      // OBS picks obswebsocket.json or .msgpack when offered; no subprotocol means JSON too.
      handleProtocols: (protocols) => (protocols.has(JSON_SUBPROTOCOL) ? JSON_SUBPROTOCOL : false),
    });
    this.#wss.on('connection', (ws) => {
      const session = new SimSession(ws, { model: options.model, auth: this.auth, slowMs: options.slowMs });
      this.#sessions.add(session);
      ws.on('close', () => this.#sessions.delete(session));
    });
    options.model.emit = (eventType, eventIntent, eventData) =>
      this.broadcast(eventType, eventIntent, eventData);
  }

  /** Listens on 127.0.0.1; port 0 picks a free port (kept across restarts). */
  async listen(port = this.port): Promise<number> {
    this.port = await listenOn(this.#http, { port });
    return this.port;
  }

  broadcast(eventType: string, eventIntent: number, eventData?: Record<string, unknown>): void {
    const message = { op: OpCode.Event, d: { eventType, eventIntent, ...(eventData ? { eventData } : {}) } };
    for (const session of this.#sessions)
      if (session.identified && (session.eventSubscriptions & eventIntent) !== 0) session.send(message);
  }

  /** Ends every session with `code` and waits until they are closed. */
  async closeSessions(code: number, reason: string): Promise<void> {
    const closing = [...this.#sessions].map(
      (session) =>
        new Promise<void>(
          (resolve) => (session.ws.once('close', () => resolve()), session.close(code, reason)),
        ),
    );
    await Promise.all(closing);
  }

  /**
   * The realistic `auth-expiry`: the password is re-saved (new salt, as on a server restart) and every session
   * is invalidated with 4011; clients must reconnect and answer a fresh challenge.
   */
  async invalidateSessions(): Promise<void> {
    this.auth.salt = newSalt();
    await this.closeSessions(CloseCode.SessionInvalidated, 'Your session has been invalidated.');
  }

  /** Stops listening and drops every client, as OBS quitting does (1001 going away). */
  async stop(): Promise<void> {
    await this.closeSessions(1001, 'Server stopping.');
    await closeServer(this.#http);
  }

  /** Closes for good. */
  async close(): Promise<void> {
    for (const session of this.#sessions) session.ws.terminate();
    this.#wss.close();
    await closeServer(this.#http);
  }
}

function newSalt(): string {
  return randomBytes(32).toString('base64');
}
