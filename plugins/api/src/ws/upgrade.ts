import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { STATUS_CODES } from 'node:http';
import type { Clock } from '@encoder-manager/sdk';
import type { KeyRecord } from '../keys/record.js';
import { inactiveReason } from '../keys/record.js';
import type { KeyService } from '../keys/service.js';
import { authenticate, credentialOf } from '../http/auth.js';
import { clientIp } from '../http/client-ip.js';
import { problemFrom } from '../http/errors.js';
import { HttpProblem, PROBLEM, problem, validationProblem } from '../http/problem.js';
import type { RateLimits } from '../http/rate-limits.js';
import { parseFilter, type StreamFilter } from './filters.js';
import type { TicketStore } from './tickets.js';

/** An upgrade that passed every check. */
export interface AcceptedUpgrade {
  readonly key: KeyRecord;
  /** The API key or ticket the client authenticated with; the MAC key is derived from it. */
  readonly credential: string;
  readonly filter: StreamFilter;
  readonly since?: number;
  readonly epoch?: string;
}

/** What the gate checks against. */
export interface GateDeps {
  readonly path: string;
  readonly origins: readonly string[];
  readonly trustProxyHops: number;
  readonly keys: KeyService;
  readonly tickets: TicketStore;
  readonly limits: RateLimits;
  readonly clock: Clock;
  readonly failureDelayMs: number;
  readonly maxConnectionsPerKey: number;
  readonly maxConnections: number;
  connectionsFor(keyId: string): number;
  totalConnections(): number;
  onFailure(): void;
}

/** Answers a refused upgrade with plain HTTP (problem+json) before any `101`, then closes the socket. */
export function refuse(socket: Duplex, error: unknown): void {
  const { body, headers } = problemFrom(error);
  const text = JSON.stringify(body);
  const lines = [
    `HTTP/1.1 ${body.status} ${STATUS_CODES[body.status] ?? 'Error'}`,
    'Content-Type: application/problem+json',
    `Content-Length: ${Buffer.byteLength(text)}`,
    'Connection: close',
  ];
  for (const [name, value] of Object.entries(headers)) lines.push(`${name}: ${value}`);
  if (!socket.destroyed) socket.end(`${lines.join('\r\n')}\r\n\r\n${text}`);
}

async function keyFor(deps: GateDeps, request: IncomingMessage, url: URL, ip: string, startedAt: number) {
  const header = credentialOf(request.headers);
  const ticket = url.searchParams.get('ticket');
  if (header !== undefined || ticket === null) {
    const lookup = async () => (header === undefined ? undefined : deps.keys.authenticate(header));
    return { key: await authenticate(deps, lookup, ip, startedAt), credential: header ?? '' };
  }
  // Tickets are redeemed (and spent) here; the key behind them must still be active.
  return { key: await authenticate(deps, () => ticketKey(deps, ticket), ip, startedAt), credential: ticket };
}

async function ticketKey(deps: GateDeps, ticket: string): Promise<KeyRecord | undefined> {
  const keyId = deps.tickets.redeem(ticket);
  const key = keyId === undefined ? undefined : await deps.keys.get(keyId);
  return key && !inactiveReason(key, deps.clock.now()) ? key : undefined;
}

function filterOf(url: URL): { filter: StreamFilter; since?: number; epoch?: string } {
  const since = url.searchParams.get('since');
  if (since !== null && !/^\d{1,15}$/.test(since))
    throw validationProblem([{ pointer: '/query/since', detail: 'must be a non-negative integer' }]);
  try {
    const filter = parseFilter(url.searchParams.getAll('events'), url.searchParams.getAll('label'));
    return {
      filter,
      since: since === null ? undefined : Number(since),
      epoch: url.searchParams.get('epoch') ?? undefined,
    };
  } catch (error) {
    throw validationProblem([{ pointer: '/query', detail: (error as Error).message }]);
  }
}

/**
 * Every check of an upgrade, cheapest first: path, per-address limit, exact Origin allowlist (CSWSH),
 * credentials (header key, or a single-use ticket — never a long-lived key in the URL), the key's rate
 * limit and connection caps. Throws an HttpProblem for the refusal.
 */
export async function checkUpgrade(deps: GateDeps, request: IncomingMessage): Promise<AcceptedUpgrade> {
  const startedAt = deps.clock.now();
  const url = new URL(request.url ?? '/', 'http://agent.invalid');
  if (url.pathname !== deps.path)
    throw problem(404, PROBLEM.notFound, 'Not found', `no WebSocket endpoint at ${url.pathname}`);
  const ip = clientIp(request, deps.trustProxyHops);
  const perIp = await deps.limits.consumeIp(ip);
  if (!perIp.allowed)
    throw new HttpProblem(problem(429, PROBLEM.quotaExceeded, 'Too many requests').body, perIp.headers);
  const origin = request.headers.origin;
  if (origin !== undefined && !deps.origins.includes(origin))
    throw problem(403, PROBLEM.forbidden, 'Forbidden', `origin ${origin} is not allowed`);
  const { key, credential } = await keyFor(deps, request, url, ip, startedAt);
  const limited = await deps.limits.consume('read', `key:${key.id}`);
  if (!limited.allowed)
    throw new HttpProblem(problem(429, PROBLEM.quotaExceeded, 'Too many requests').body, limited.headers);
  if (deps.connectionsFor(key.id) >= deps.maxConnectionsPerKey)
    throw new HttpProblem(
      problem(
        429,
        PROBLEM.quotaExceeded,
        'Too many connections',
        `at most ${deps.maxConnectionsPerKey} sockets per key`,
      ).body,
      { 'Retry-After': '5' },
    );
  if (deps.totalConnections() >= deps.maxConnections)
    throw problem(503, PROBLEM.serviceUnavailable, 'Too many connections');
  return { key, credential, ...filterOf(url) };
}
