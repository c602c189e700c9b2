import { expect } from 'chai';
import { generateToken } from '../src/keys/format.js';
import { call, startApiAgent, testBackends, type ApiAgent } from './helpers/agent.js';

const FLOOR_MS = 250;

for (const backend of testBackends()) {
  describe(`api authentication over HTTP (${backend.name})`, () => {
    let a: ApiAgent;
    const queries: string[] = [];
    before(async () => {
      a = await startApiAgent({
        backend,
        api: {
          keys: { failureDelayMs: FLOOR_MS, cacheTtlMs: 0 },
          rateLimits: { authFailures: { points: 10, durationSec: 60, blockSec: 900 } },
        },
      });
      a.agent.database.knex.on('query', (q: { sql: string }) => queries.push(q.sql));
    });
    after(async () => {
      await a.stop();
      await backend.cleanup();
    });

    it('accepts a key as Bearer or X-API-Key and answers 401 without one', async () => {
      const { key } = await a.createKey('read');
      expect((await call(a.url, 'GET', '/api/v1/keys/self', key)).status).to.equal(200);
      expect(
        (await call(a.url, 'GET', '/api/v1/keys/self', undefined, undefined, { 'X-API-Key': key })).status,
      ).to.equal(200);
      const anonymous = await call(a.url, 'GET', '/api/v1/keys/self');
      expect(anonymous.status).to.equal(401);
      expect(anonymous.headers.get('content-type')).to.match(/^application\/problem\+json/);
      expect(anonymous.headers.get('www-authenticate')).to.equal('Bearer realm="encoder-manager"');
    });

    it('refuses malformed and bad-checksum keys without a single database query', async () => {
      const good = generateToken('api');
      const badChecksum = `${good.slice(0, -1)}${good.endsWith('A') ? 'B' : 'A'}`;
      queries.length = 0;
      for (const bad of ['nope', badChecksum, `em_api_${'x'.repeat(30)}_000000`]) {
        expect(
          (
            await call(a.url, 'GET', '/api/v1/keys/self', bad, undefined, {
              'X-Forwarded-For': '203.0.113.9',
            })
          ).status,
        ).to.equal(401);
      }
      expect(queries.filter((sql) => sql.includes('api_keys'))).to.deep.equal([]);
    });

    it('gives one identical 401 (body, headers, timing class) for unknown, expired, revoked and bad-checksum keys', async () => {
      const revoked = await a.createKey('read', { name: 'to-revoke' });
      await a.keysCli(['revoke', revoked.id]);
      const expired = await a.createKey('read', { name: 'to-expire' });
      await a.agent.database
        .knex('api_keys')
        .where({ id: expired.id })
        .update({ expires_at: Date.now() - 1000 });
      const unknown = generateToken('api');
      const cases = {
        unknown,
        expired: expired.key,
        revoked: revoked.key,
        badChecksum: `${unknown.slice(0, -6)}000000`,
      };
      const answers: Record<string, { text: string; headers: string; ms: number }> = {};
      for (const [name, key] of Object.entries(cases)) {
        const started = performance.now();
        const r = await call(a.url, 'GET', '/api/v1/encoders', key);
        const ms = performance.now() - started;
        expect(r.status, name).to.equal(401);
        const headers = [...r.headers]
          .filter(([h]) => !['date', 'ratelimit', 'ratelimit-policy'].includes(h))
          .map(([h, v]) => `${h}: ${v}`)
          .join('\n');
        answers[name] = { text: r.text, headers, ms };
      }
      const first = Object.values(answers)[0]!;
      for (const [name, answer] of Object.entries(answers)) {
        expect(answer.text, name).to.equal(first.text);
        expect(answer.headers, name).to.equal(first.headers);
        expect(answer.ms, `${name} answered in ${answer.ms.toFixed(1)} ms`).to.be.within(
          FLOOR_MS - 5,
          FLOOR_MS + 100,
        );
      }
    });

    it('blocks an address after 10 failed authentications per minute with 429, even for a good key', async () => {
      const { key } = await a.createKey('read', { name: 'victim' });
      // Earlier tests in this file already failed from 127.0.0.1; fill up to the limit.
      let status = 401;
      let failures = 0;
      while (status === 401 && failures < 20) {
        status = (await call(a.url, 'GET', '/api/v1/encoders', generateToken('api'))).status;
        failures += 1;
      }
      expect(status).to.equal(429);
      const blocked = await call(a.url, 'GET', '/api/v1/encoders', key);
      expect(blocked.status).to.equal(429);
      expect(Number(blocked.headers.get('retry-after'))).to.be.within(800, 900);
      expect((blocked.json as { type: string }).type).to.match(/abnormal-usage-detected$/);
    });
  });
}
