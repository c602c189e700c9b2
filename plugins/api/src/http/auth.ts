import type { IncomingHttpHeaders } from 'node:http';
import type { Clock } from '@encoder-manager/sdk';
import type { KeyRecord } from '../keys/record.js';
import { HttpProblem, PROBLEM, UNAUTHORIZED_BODY, UNAUTHORIZED_HEADERS, problem } from './problem.js';
import type { RateLimits } from './rate-limits.js';

/** The credential a request carries: `Authorization: Bearer <key>` or `X-API-Key`. Never the URL. */
export function credentialOf(headers: IncomingHttpHeaders): string | undefined {
  const bearer = /^Bearer[ ]+(\S+)\s*$/i.exec(headers.authorization ?? '')?.[1];
  const header = headers['x-api-key'];
  const apiKey = Array.isArray(header) ? undefined : header?.trim();
  if (bearer && apiKey && bearer !== apiKey) return undefined;
  return bearer ?? apiKey;
}

/** What authentication needs. */
export interface AuthDeps {
  readonly limits: RateLimits;
  readonly clock: Clock;
  readonly failureDelayMs: number;
  onFailure(): void;
}

/**
 * Authenticates a request's key, or throws. Every failure — no key, malformed, bad checksum, unknown,
 * expired, revoked — gets the same 401 body and headers, sent no earlier than `failureDelayMs` after the
 * request started so the cheap cases (no database lookup) are not faster than the others. An address
 * with too many failures gets 429 before its key is even looked at.
 */
export async function authenticate(
  deps: AuthDeps,
  lookup: () => Promise<KeyRecord | undefined>,
  ip: string,
  startedAt: number,
): Promise<KeyRecord> {
  const blockedSec = await deps.limits.authBlockedFor(ip);
  if (blockedSec !== undefined) throw tooManyFailures(blockedSec);
  const key = await lookup();
  if (key) return key;
  deps.onFailure();
  await deps.limits.authFailed(ip);
  const wait = startedAt + deps.failureDelayMs - deps.clock.now();
  if (wait > 0) await deps.clock.sleep(wait);
  throw new HttpProblem(UNAUTHORIZED_BODY, UNAUTHORIZED_HEADERS);
}

function tooManyFailures(retryAfterSec: number): HttpProblem {
  const p = problem(
    429,
    PROBLEM.abnormalUsage,
    'Too many failed authentications',
    `this address is blocked for ${retryAfterSec} s after repeated failed authentications`,
  );
  return new HttpProblem(p.body, { 'Retry-After': String(retryAfterSec) });
}
