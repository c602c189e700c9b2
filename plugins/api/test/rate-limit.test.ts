import { expect } from 'chai';
import { call, startApiAgent, type ApiAgent } from './helpers/agent.js';

const TIGHT = { read: [{ points: 3, durationSec: 2 }], public: [{ points: 3, durationSec: 60 }] };

describe('api rate limits', () => {
  let a: ApiAgent;
  let proxied: ApiAgent;
  before(async () => {
    a = await startApiAgent({ api: { rateLimits: { policies: TIGHT, retryJitterSec: 0 } } });
    proxied = await startApiAgent({
      api: { trustProxyHops: 1, rateLimits: { policies: TIGHT, retryJitterSec: 0 } },
    });
  });
  after(async () => {
    await a.stop();
    await proxied.stop();
  });

  it('sends draft-11 RateLimit-Policy and RateLimit on every answer; 429 with an integer Retry-After; retry after it succeeds', async () => {
    const { key } = await a.createKey('read');
    const remaining: string[] = [];
    for (let i = 0; i < 3; i += 1) {
      const r = await call(a.url, 'GET', '/api/v1/encoders', key);
      expect(r.status).to.equal(200);
      expect(r.headers.get('ratelimit-policy')).to.equal('"read";q=3;w=2');
      remaining.push(r.headers.get('ratelimit')!);
    }
    expect(remaining.map((h) => /r=(\d+)/.exec(h)![1])).to.deep.equal(['2', '1', '0']);
    for (const h of remaining) expect(h).to.match(/^"read";r=\d+;t=\d+$/);
    const limited = await call(a.url, 'GET', '/api/v1/encoders', key);
    expect(limited.status).to.equal(429);
    const retryAfter = limited.headers.get('retry-after')!;
    expect(retryAfter).to.match(/^\d+$/);
    expect(Number(retryAfter)).to.be.within(1, 2);
    expect(limited.headers.get('ratelimit')).to.match(/^"read";r=0;t=\d+$/);
    expect(limited.headers.get('content-type')).to.match(/^application\/problem\+json/);
    expect(limited.json).to.deep.include({
      status: 429,
      type: 'https://iana.org/assignments/http-problem-types#quota-exceeded',
      'violated-policies': ['read'],
    });
    await new Promise((resolve) => setTimeout(resolve, Number(retryAfter) * 1000 + 50));
    expect((await call(a.url, 'GET', '/api/v1/encoders', key)).status).to.equal(200);
  });

  it('limits per key: another key from the same address has its own bucket', async () => {
    const one = (await a.createKey('read', { name: 'one' })).key;
    const two = (await a.createKey('read', { name: 'two' })).key;
    for (let i = 0; i < 3; i += 1) await call(a.url, 'GET', '/api/v1/plugins', one);
    expect((await call(a.url, 'GET', '/api/v1/plugins', one)).status).to.equal(429);
    expect((await call(a.url, 'GET', '/api/v1/plugins', two)).status).to.equal(200);
  });

  it('ignores X-Forwarded-For with no trusted proxy: forged addresses share the real bucket', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 4; i += 1)
      statuses.push(
        (
          await call(a.url, 'GET', '/api/v1/health', undefined, undefined, {
            'X-Forwarded-For': `198.51.100.${i + 1}`,
          })
        ).status,
      );
    expect(statuses).to.deep.equal([200, 200, 200, 429]);
  });

  it('with one trusted proxy, uses only the address that proxy appended, whatever the client prepends', async () => {
    const from = (xff: string) =>
      call(proxied.url, 'GET', '/api/v1/health', undefined, undefined, { 'X-Forwarded-For': xff });
    const statuses: number[] = [];
    for (let i = 0; i < 4; i += 1) statuses.push((await from(`198.51.100.${i + 1}, 192.0.2.10`)).status);
    expect(statuses).to.deep.equal([200, 200, 200, 429]);
    expect((await from('192.0.2.11')).status, 'another client behind the proxy').to.equal(200);
  });
});
