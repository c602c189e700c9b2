import type { IncomingMessage, ServerResponse } from 'node:http';
import { startHttpServer, type SimulatorHttpServer } from '@encoder-manager/sdk/simulator';
import type { PearlModel } from './model.js';
import { route, type SimReply } from './routes.js';

/** Credentials the simulated Pearl accepts (HTTP Basic). */
export interface PearlCredentials {
  readonly username: string;
  readonly password: string;
}

/** How long the `slow` fault holds a reply (default 30 s, or until the client gives up). */
export interface PearlServerOptions {
  readonly model: PearlModel;
  readonly credentials: PearlCredentials;
  readonly slowMs?: number;
}

const API_PREFIX = '/api/v2.0';
// What a half-written reply looks like: valid start, cut mid-string (the `garbled` fault).
const GARBLED = '{"status":"ok","result":[{"id":"1","name":"Coun';

/** Starts the HTTP server on 127.0.0.1 (port 0 picks a free one). */
export function startPearlServer(options: PearlServerOptions, port = 0): Promise<SimulatorHttpServer> {
  return startHttpServer((req, res) => handle(options, req, res), { port });
}

function handle(options: PearlServerOptions, req: IncomingMessage, res: ServerResponse): void {
  const { model } = options;
  model.tick();
  const phase = model.rebootPhase();
  if (phase === 'refuse') return void req.socket.destroy();
  if (phase === 'unavailable')
    return send(res, { status: 503, body: { status: 'unavailable', message: 'The system is starting up' } });
  if (!authorised(req, options.credentials, model.has('auth-expiry'))) return unauthorised(res);
  const url = new URL(req.url ?? '/', 'http://pearl.invalid');
  if (!url.pathname.startsWith(`${API_PREFIX}/`))
    return send(res, { status: 404, body: { status: 'notfound', message: `${url.pathname} not found` } });
  const reply = route(model, req.method ?? 'GET', url.pathname.slice(API_PREFIX.length), url.searchParams);
  if (model.has('garbled')) return sendText(res, 200, GARBLED);
  if (model.has('slow')) return delay(options, res, () => send(res, reply));
  send(res, reply);
}

/** `auth-expiry` on a Basic-auth device: the password was changed on the unit, so every request gets 401. */
function authorised(req: IncomingMessage, credentials: PearlCredentials, rotated: boolean): boolean {
  const header = req.headers.authorization ?? '';
  if (rotated || !header.startsWith('Basic ')) return false;
  const decoded = Buffer.from(header.slice(6), 'base64').toString('utf8');
  return decoded === `${credentials.username}:${credentials.password}`;
}

function unauthorised(res: ServerResponse): void {
  res.setHeader('www-authenticate', 'Basic realm="Pearl"');
  send(res, { status: 401, body: { status: 'error', message: 'Unauthorized' } });
}

function delay(options: PearlServerOptions, res: ServerResponse, answer: () => void): void {
  const cancel = options.model.clock.setTimer(answer, options.slowMs ?? 30_000);
  res.once('close', cancel);
}

function send(res: ServerResponse, reply: SimReply): void {
  sendText(res, reply.status, JSON.stringify(reply.body));
}

function sendText(res: ServerResponse, status: number, text: string): void {
  if (res.writableEnded || res.destroyed) return;
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(text);
}
