import { expect } from 'chai';
import { validate, compileErrors } from '@readme/openapi-parser';
import { isMutating, type AnyRoute } from '../src/http/route.js';
import { call, startApiAgent, type ApiAgent } from './helpers/agent.js';
import { buildRuntime } from './helpers/runtime.js';

const ROOMY = { points: 10_000, durationSec: 60 };
const POLICIES = {
  read: [ROOMY],
  operate: [ROOMY],
  admin: [ROOMY],
  control: [ROOMY],
  public: [ROOMY],
  ticket: [ROOMY],
  'notify-test': [ROOMY],
};
const SAMPLE: Record<string, string> = {
  id: 'hq-1',
  fingerprint: 'fp-1',
  channel: 'email',
  eventType: 'alert.firing',
  recipientId: 'someone',
};

function pathOf(spec: AnyRoute): string {
  return spec.path.replace(/:([A-Za-z]+)/g, (_, name: string) => SAMPLE[name] ?? 'x');
}

describe('api route table', () => {
  const { runtime, stop } = buildRuntime();
  after(() => stop());

  it('walks the router: every registered route has a declared scope and an existing rate-limit policy', () => {
    const layers = runtime.api.router.stack;
    expect(layers.length).to.equal(runtime.routes.length);
    for (const layer of layers) {
      const method = layer.methods.find((m) => m !== 'HEAD');
      const spec = runtime.routes.find((r) => r.path === layer.path && r.method === method);
      expect(spec, `${method} ${String(layer.path)} is not in the route table`).to.not.equal(undefined);
      expect(['public', 'read', 'operate', 'admin'], `${spec!.operationId} scope`).to.include(spec!.scope);
      expect(runtime.limits.has(spec!.rateLimit), `${spec!.operationId} policy ${spec!.rateLimit}`).to.equal(
        true,
      );
    }
  });

  it('denies by default: only health and the OpenAPI document are public; every mutating route needs operate or admin', () => {
    expect(runtime.routes.filter((r) => r.scope === 'public').map((r) => r.operationId)).to.deep.equal([
      'health',
      'openapi',
    ]);
    for (const spec of runtime.routes.filter(isMutating))
      expect(['operate', 'admin'], spec.operationId).to.include(spec.scope);
    expect(
      runtime.routes.filter((r) => r.method !== 'GET' && !isMutating(r)).map((r) => r.operationId),
    ).to.deep.equal(['createWebSocketTicket']);
  });

  it('has every path the station documented', () => {
    const paths = runtime.routes.map((r) => `${r.method} ${r.path}`);
    for (const path of [
      'GET /api/monitoring/status',
      'GET /api/monitoring/alerts',
      'POST /encoders/:id/control',
      'GET /encoders/:id/metrics',
      'GET /health/encoder/:id',
      'GET /health/detailed',
    ])
      expect(paths).to.include(path);
  });

  it('generates a valid OpenAPI 3.1 document with scope and policy on every operation', async () => {
    const document = runtime.openapi();
    const result = await validate(structuredClone(document) as never);
    expect(result.valid, result.valid ? '' : compileErrors(result)).to.equal(true);
    const operations = Object.values(
      document.paths as Record<string, Record<string, Record<string, unknown>>>,
    ).flatMap((p) => Object.values(p));
    expect(operations).to.have.length(runtime.routes.length);
    for (const op of operations) {
      expect(op['x-scope']).to.be.a('string');
      expect((op['x-rate-limit-policy'] as { windows: string }).windows).to.match(/q=\d+;w=\d+/);
    }
  });
});

describe('api route × scope matrix over HTTP', () => {
  let a: ApiAgent;
  let keys: Record<'read' | 'operate' | 'admin', string>;
  const { runtime, stop } = buildRuntime();
  before(async () => {
    a = await startApiAgent({
      api: {
        rateLimits: {
          policies: POLICIES,
          perIp: ROOMY,
          authFailures: { points: 1000, durationSec: 60, blockSec: 1 },
        },
      },
    });
    keys = {
      read: (await a.createKey('read')).key,
      operate: (await a.createKey('operate')).key,
      admin: (await a.createKey('admin')).key,
    };
  });
  after(async () => {
    await a.stop();
    await stop();
  });

  const body = (spec: AnyRoute) => (spec.body ? {} : undefined);

  it('answers 401 without a key on every non-public route', async () => {
    for (const spec of runtime.routes.filter((r) => r.scope !== 'public')) {
      const r = await call(a.url, spec.method, pathOf(spec), undefined, body(spec));
      expect(r.status, `${spec.method} ${spec.path}`).to.equal(401);
    }
  });

  it('answers 403 to a read key on 100 % of mutating routes, and to an operate key on admin routes', async () => {
    const mutating = runtime.routes.filter(isMutating);
    expect(mutating.length).to.be.greaterThan(20);
    for (const spec of mutating) {
      const r = await call(a.url, spec.method, pathOf(spec), keys.read, body(spec));
      expect(r.status, `read key: ${spec.method} ${spec.path}`).to.equal(403);
    }
    for (const spec of runtime.routes.filter((r) => r.scope === 'admin')) {
      const r = await call(a.url, spec.method, pathOf(spec), keys.operate, body(spec));
      expect(r.status, `operate key: ${spec.method} ${spec.path}`).to.equal(403);
    }
  });

  it('lets each scope through on its own routes (no 401/403), with 503 naming a plugin that is not enabled', async () => {
    const holder = { public: keys.read, read: keys.read, operate: keys.operate, admin: keys.admin };
    for (const spec of runtime.routes.filter((r) => r.method === 'GET' || r.scope !== 'admin')) {
      const r = await call(a.url, spec.method, pathOf(spec), holder[spec.scope], body(spec));
      expect([401, 403], `${spec.method} ${spec.path} → ${r.status} ${r.text.slice(0, 200)}`).to.not.include(
        r.status,
      );
      if (r.status >= 500) expect(r.status, r.text).to.equal(503);
    }
    const channels = await call(a.url, 'GET', '/api/v1/channels', keys.read);
    expect(channels.status).to.equal(503);
    expect(channels.json).to.include({ plugin: 'failover' });
    expect((channels.json as { detail: string }).detail).to.include('plugins: failover:');
  });

  it('enforces site limits: a key for site hq never sees or touches north', async () => {
    const hq = (await a.createKey('operate', { sites: ['hq'] })).key;
    await new Promise((resolve) => setTimeout(resolve, 400));
    const list = await call(a.url, 'GET', '/api/v1/encoders', hq);
    expect((list.json as { items: { id: string }[] }).items.map((e) => e.id)).to.deep.equal(['hq-1', 'hq-2']);
    for (const [method, path, data] of [
      ['GET', '/api/v1/encoders/north-1'],
      ['GET', '/api/v1/encoders/north-1/history'],
      ['GET', '/encoders/north-1/metrics'],
      ['GET', '/health/encoder/north-1'],
      ['POST', '/api/v1/encoders/north-1/control', { action: 'stop', output: 'stream' }],
      ['POST', '/encoders/north-1/control', { action: 'stop', output: 'stream' }],
    ] as const)
      expect((await call(a.url, method, path, hq, data)).status, path).to.equal(404);
    const status = await call(a.url, 'GET', '/api/monitoring/status', hq);
    expect(
      (status.json as { encoders: { encoderId: string }[] }).encoders.map((e) => e.encoderId),
    ).to.deep.equal(['hq-1', 'hq-2']);
    expect((await call(a.url, 'GET', '/health/detailed', hq)).status).to.equal(403);
    expect((await call(a.url, 'GET', '/api/v1/encoders/hq-1', hq)).status).to.equal(200);
    const adminHq = (await a.createKey('admin', { sites: ['hq'] })).key;
    expect((await call(a.url, 'GET', '/api/v1/keys', adminHq)).status).to.equal(403);
  });

  it('names the invalid field of a body or query with a JSON Pointer', async () => {
    const bad = await call(a.url, 'POST', '/api/v1/encoders/hq-1/control', keys.operate, {
      action: 'explode',
      extra: true,
    });
    expect(bad.status).to.equal(400);
    const pointers = (bad.json as { errors: { pointer: string }[] }).errors.map((e) => e.pointer).sort();
    expect(pointers).to.deep.equal(['/body/action', '/body/extra']);
    const missing = await call(a.url, 'POST', '/api/v1/encoders/hq-1/control', keys.operate, {
      action: 'start',
    });
    expect((missing.json as { errors: unknown[] }).errors).to.deep.equal([
      { pointer: '/body/output', detail: 'is required for start' },
    ]);
    const limit = await call(a.url, 'GET', '/api/v1/encoders?limit=0', keys.read);
    expect((limit.json as { errors: { pointer: string }[] }).errors[0]!.pointer).to.equal('/query/limit');
    const notJson = await call(a.url, 'POST', '/api/v1/encoders/hq-1/control', keys.operate, undefined, {
      'Content-Type': 'text/plain',
    });
    expect(notJson.status).to.be.oneOf([400, 415]);
    const broken = await fetch(`${a.url}/api/v1/silences`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${keys.operate}`, 'Content-Type': 'application/json' },
      body: '{"matchers": [',
    });
    expect(broken.status).to.equal(400);
    const huge = await call(a.url, 'POST', '/api/v1/silences', keys.operate, {
      comment: 'x'.repeat(70_000),
      matchers: [],
    });
    expect(huge.status).to.equal(413);
    const unknown = await call(a.url, 'GET', '/api/v1/nothing-here', keys.read);
    expect(unknown.status).to.equal(404);
    expect(unknown.headers.get('content-type')).to.match(/problem\+json/);
  });
});
