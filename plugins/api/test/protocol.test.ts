import { brotliCompressSync } from 'node:zlib';
import { expect } from 'chai';
import { apiMetricsRef } from '@encoder-manager/sdk';
import { call, startApiAgent, type ApiAgent } from './helpers/agent.js';
import { sendRaw, serialize, type RawRequest } from './helpers/fuzz/raw-http.js';

const allowOf = (head: string) => (/\r\nAllow: ([^\r]*)/.exec(head)?.[1] ?? '').split(', ').sort();

// Regression tests for what the fuzz test found; each failed before its fix.
describe('api protocol edges found by the fuzz test', () => {
  let a: ApiAgent;
  let admin: string;
  const send = (request: Omit<RawRequest, 'framing'> & { framing?: RawRequest['framing'] }) =>
    sendRaw(a.port, serialize({ framing: request.body ? 'length' : 'none', ...request }));

  before(async () => {
    a = await startApiAgent();
    admin = (await a.createKey('admin')).key;
  });
  after(() => a.stop());

  it('answers methods a path does not serve with 405 and Allow (TRACE and PROPFIND were a 500)', async () => {
    for (const method of ['TRACE', 'PROPFIND', 'PATCH']) {
      const r = await send({
        method,
        target: '/api/v1/encoders',
        headers: [['Authorization', `Bearer ${admin}`]],
      });
      expect(r.status, method).to.equal(405);
      expect(allowOf(r.head)).to.deep.equal(['GET', 'HEAD']);
      expect(JSON.parse(r.body)).to.include({ status: 405 });
    }
    const options = await send({ method: 'OPTIONS', target: '/api/v1/silences', headers: [] });
    expect(options.status).to.equal(204);
    expect(allowOf(options.head)).to.deep.equal(['GET', 'HEAD', 'POST']);
    expect((await send({ method: 'TRACE', target: '/nowhere', headers: [] })).status).to.equal(404);
  });

  it('refuses compressed request bodies with 415 (a broken brotli body crashed the agent)', async () => {
    const headers = (coding: string): [string, string][] => [
      ['Authorization', `Bearer ${admin}`],
      ['Content-Type', 'application/json'],
      ['Content-Encoding', coding],
    ];
    const broken = Buffer.alloc(70_000, 0x61);
    for (const framing of ['length', 'chunked'] as const) {
      const r = await send({
        method: 'PUT',
        target: '/api/v1/silences/x',
        headers: headers('br'),
        body: broken,
        framing,
      });
      expect(r.status, framing).to.equal(415);
      expect(r.head).to.match(/\r\nAccept-Encoding: identity\r\n/);
    }
    const valid = brotliCompressSync(JSON.stringify({ name: 'k', scope: 'read' }));
    expect(
      (await send({ method: 'POST', target: '/api/v1/keys', headers: headers('br'), body: valid })).status,
    ).to.equal(415);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect((await call(a.url, 'GET', '/api/v1/health')).status, 'still running').to.equal(200);
  });

  it('closes the connection after the 426 for a plain GET of the events URL', async () => {
    const started = Date.now();
    const r = await send({
      method: 'GET',
      target: '/api/v1/events',
      headers: [['Authorization', `Bearer ${admin}`]],
    });
    expect(r.status).to.equal(426);
    expect(r.head).to.match(/\r\nConnection: Upgrade, close\r\n/);
    expect(Date.now() - started, 'not held open until keep-alive runs out').to.be.below(2000);
  });

  it('records the status actually sent in the performance monitor (errors were all counted as 404)', async () => {
    await call(a.url, 'GET', '/api/v1/plugins');
    await call(a.url, 'GET', '/api/v1/plugins?limit=0', admin);
    const route = a.agent.services
      .use(apiMetricsRef, 'test')
      .snapshot()
      .routes.find((r) => r.method === 'GET' && r.route === '/api/v1/plugins');
    expect(route?.statuses).to.deep.equal({ 400: 1, 401: 1 });
  });
});
