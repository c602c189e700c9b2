import type { IncomingMessage } from 'node:http';

/**
 * The client's address given `hops` trusted reverse proxies, each of which appends the address it saw to
 * `X-Forwarded-For`. Only the last `hops` entries were written by our proxies; anything to their left was
 * sent by the client and is ignored, so a forged header cannot pick another rate-limit bucket. With 0 hops
 * the header is not read at all. (Koa's `maxIpsCount` rule, applied to WebSocket upgrades as well.)
 */
export function clientIp(request: IncomingMessage, hops: number): string {
  const socketAddress = normalise(request.socket.remoteAddress ?? 'unknown');
  if (hops === 0) return socketAddress;
  const header = request.headers['x-forwarded-for'];
  const text = Array.isArray(header) ? header.join(',') : (header ?? '');
  const chain = text
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part.length > 0);
  // chain[-hops] is what the outermost trusted proxy saw connecting to it.
  const trusted = chain.slice(-hops);
  return trusted.length === hops ? normalise(trusted[0]!) : socketAddress;
}

function normalise(address: string): string {
  return address.startsWith('::ffff:') ? address.slice(7) : address;
}
