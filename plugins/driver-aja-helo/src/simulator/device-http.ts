import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { HeloDevice } from './device.js';
import { readBody, sendJson } from '@encoder-manager/sdk/simulator';
import type { ParamApi } from './param-api.js';
import { cookieValue } from './http-util.js';

/** The session cookie name: [3P] for HELO, verified for Teradek (encoders.md §2.1); the driver does not depend on it. */
export const SESSION_COOKIE = 'serenity-session';

const GARBLED = '{"paramid":"2097225226","name":"eParamID_Repl\u0000\u0003<html><body>Internal';

/** The HELO's own web routes: `/`, `POST /authenticator/login`, `GET /config`. */
export class HeloWebServer {
  /** `garbled`: every device reply is a broken JSON fragment with control bytes. */
  readonly faults = { garbled: false };
  readonly #sessions = new Set<string>();

  constructor(
    private readonly device: HeloDevice,
    private readonly params: ParamApi,
    private readonly password: string | undefined,
  ) {
    device.onRebooted(() => this.expireSessions());
  }

  /** Drops every session; the next `/config` answers 404 until the client logs in again. */
  expireSessions(): void {
    this.#sessions.clear();
  }

  get sessionCount(): number {
    return this.#sessions.size;
  }

  async handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    if (this.device.rebooting()) return sendJson(res, 503, { error: 'Service Unavailable' });
    if (this.faults.garbled) {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      return void res.end(GARBLED);
    }
    if (url.pathname === '/authenticator/login' && req.method === 'POST') return this.#login(req, res);
    if (url.pathname === '/config') return this.#config(req, res, url);
    if (url.pathname === '/' && req.method === 'GET') {
      res.writeHead(200, { 'Content-Type': 'text/html' });
      return void res.end('Simulated AJA HELO. See <a href="/config">Config</a>');
    }
    sendJson(res, req.method === 'GET' ? 404 : 405, {
      error: req.method === 'GET' ? 'Route not found' : 'Method Not Allowed',
    });
  }

  async #login(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const provided = new URLSearchParams(await readBody(req)).get('password_provided');
    if (this.password !== undefined && provided !== this.password) {
      return sendJson(res, 200, { login: 'Login Failed - Passwords did not match' });
    }
    const token = randomUUID();
    this.#sessions.add(token);
    sendJson(
      res,
      200,
      { login: 'success' },
      { 'Set-Cookie': `${SESSION_COOKIE}=${token}; Path=/; HttpOnly` },
    );
  }

  #config(req: IncomingMessage, res: ServerResponse, url: URL): void {
    if (req.method !== 'GET') return sendJson(res, 405, { error: 'Method Not Allowed' });
    if (this.password !== undefined && !this.#sessions.has(cookieValue(req, SESSION_COOKIE) ?? '')) {
      // What the module reads as "session expired": a 404, not a 401.
      return sendJson(res, 404, { error: 'Route not found' });
    }
    const action = url.searchParams.get('action');
    const paramId = url.searchParams.get('paramid') ?? '';
    const reply =
      action === 'get'
        ? this.params.get(paramId)
        : action === 'set'
          ? this.params.set(paramId, url.searchParams.get('value'))
          : { status: 400, body: { error: "Bad request: action must be 'get' or 'set'" } };
    sendJson(res, reply.status, reply.body);
  }
}
