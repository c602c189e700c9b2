import { expect } from 'chai';
import { apiMetricsRef } from '@encoder-manager/sdk';
import { call, startApiAgent, type ApiAgent } from './helpers/agent.js';
import { buildRuntime } from './helpers/runtime.js';
import { startSmtp } from './helpers/smtp.js';

const SECRET = 'S3cr3t-smtp-Passw0rd-value';
const ROOMY = { points: 10_000, durationSec: 60 };
const POLICIES = {
  read: [ROOMY],
  operate: [ROOMY],
  admin: [ROOMY],
  control: [ROOMY],
  'notify-test': [ROOMY],
};

function plugins(smtpPort: number): string {
  return `  failover:
    config:
      channels:
        - id: council
          name: Council Chamber live
          confirmTimeoutMs: 500
          startOnReady: false
          encoders:
            - { encoder: hq-1, output: stream, stream: live/hq-1 }
            - { encoder: hq-2, output: stream, stream: live/hq-2 }
  notifications:
    config:
      recipients:
        - { id: ops, name: Ops desk, roles: [engineer], channels: [{ channel: email, address: ops@station.test }] }
        - { id: gone, name: Gone, roles: [management], channels: [{ channel: email, address: bounce@station.test }] }
      delivery: { pollIntervalMs: 100 }
  notifier-email:
    config: { host: 127.0.0.1, port: ${smtpPort}, security: none, from: alerts@station.test }
`;
}

type Json = Record<string, unknown>;
const items = (r: { json: unknown }) => (r.json as { items: Json[] }).items;

describe('api data routes on a real agent (failover, notifications, e-mail)', () => {
  let a: ApiAgent;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let admin: string;
  const previousKey = process.env.EM_SECRET_KEY;
  before(async () => {
    smtp = await startSmtp();
    // The notifications plugin reads its encryption key from the process environment.
    process.env.EM_SECRET_KEY = 'q3l2cYw1Jv3h7oW6Xn0pE8bM5tR9sKzA4uD2fG6hJ8k=';
    a = await startApiAgent({
      plugins: plugins(smtp.port),
      logLevel: 'fatal',
      api: { rateLimits: { policies: POLICIES } },
    });
    admin = (await a.createKey('admin')).key;
    // A few polls (250 ms apart) before the first test; counted, not timed, for a busy machine.
    const history = () => call(a.url, 'GET', '/api/v1/encoders/hq-1/history?limit=3', admin);
    for (let i = 0; i < 50 && items(await history()).length < 3; i += 1)
      await new Promise((resolve) => setTimeout(resolve, 100));
  });
  after(async () => {
    await a.stop();
    await smtp.close();
    if (previousKey === undefined) delete process.env.EM_SECRET_KEY;
    else process.env.EM_SECRET_KEY = previousKey;
  });

  it('lists encoders with latest sample and capabilities, paginates and filters', async () => {
    const page1 = await call(a.url, 'GET', '/api/v1/encoders?limit=2', admin);
    expect(items(page1).map((e) => e.id)).to.deep.equal(['hq-1', 'hq-2']);
    expect(items(page1)[0]).to.include.keys('latest', 'capabilities', 'labels');
    expect((items(page1)[0]!.latest as Json).reachable).to.equal(true);
    const cursor = (page1.json as { nextCursor: string }).nextCursor;
    const page2 = await call(a.url, 'GET', `/api/v1/encoders?limit=2&cursor=${cursor}`, admin);
    expect(items(page2).map((e) => e.id)).to.deep.equal(['north-1']);
    expect(page2.json).to.not.have.property('nextCursor');
    expect(
      items(await call(a.url, 'GET', '/api/v1/encoders?site=north', admin)).map((e) => e.id),
    ).to.deep.equal(['north-1']);
    expect(
      items(await call(a.url, 'GET', '/api/v1/encoders?label=room=b', admin)).map((e) => e.id),
    ).to.deep.equal(['hq-2']);
    expect((await call(a.url, 'GET', '/api/v1/encoders?cursor=bm9wZQ', admin)).status).to.equal(400);
    const history = items(await call(a.url, 'GET', '/api/v1/encoders/hq-1/history?limit=3', admin));
    expect(history).to.have.length(3);
    expect(history[0]!.at as number).to.be.greaterThan(history[2]!.at as number);
  });

  it('controls outputs and answers with the confirmed read-back (v1 and station paths)', async () => {
    const start = await call(a.url, 'POST', '/api/v1/encoders/hq-2/control', admin, {
      action: 'start',
      output: 'record',
    });
    expect(start.status).to.equal(200);
    expect(start.json).to.deep.include({ encoderId: 'hq-2', confirmed: true, state: 'active' });
    const stop = await call(a.url, 'POST', '/encoders/hq-2/control', admin, {
      action: 'stop',
      output: 'record',
    });
    expect(stop.json).to.deep.include({ confirmed: true, state: 'idle' });
    const unknownOutput = await call(a.url, 'POST', '/api/v1/encoders/hq-2/control', admin, {
      action: 'start',
      output: 'nope',
    });
    expect(unknownOutput.status).to.equal(409);
    expect(unknownOutput.json).to.include({ code: 'EM_DRIVER_UNSUPPORTED' });
  });

  it('shows channels with the current encoder, runs manual failover and return, and keeps their history', async () => {
    const channels = items(await call(a.url, 'GET', '/api/v1/channels', admin));
    expect(channels[0]).to.include({ id: 'council', activeEncoder: 'hq-1' });
    const failover = await call(a.url, 'POST', '/api/v1/channels/council/failover', admin, { to: 'hq-2' });
    expect(failover.status).to.equal(200);
    expect(failover.json).to.include({ channel: 'council', kind: 'manual' });
    // No ingest runs here, so the switch cannot be confirmed at the receiving side: the record says so.
    expect((failover.json as Json).outcome).to.be.oneOf(['completed', 'failed']);
    expect((failover.json as Json).reason).to.match(/manual switch by api:admin-key/);
    const back = await call(a.url, 'POST', '/api/v1/channels/council/return', admin);
    expect(back.json).to.include({ kind: 'return' });
    const detail = await call(a.url, 'GET', '/api/v1/channels/council', admin);
    expect((detail.json as { history: Json[] }).history.map((r) => r.kind)).to.include.members([
      'manual',
      'return',
    ]);
    const all = items(await call(a.url, 'GET', '/api/v1/failovers?channel=council&limit=50', admin));
    expect(all.map((r) => r.kind)).to.include('manual');
    expect((await call(a.url, 'POST', '/api/v1/channels/nope/failover', admin, {})).status).to.equal(404);
    expect(
      (await call(a.url, 'POST', '/api/v1/channels/council/failover', admin, { to: 'north-1' })).status,
    ).to.equal(422);
  });

  it('lists, shows and acknowledges alerts; CRUD on silences', async () => {
    a.agent.bus.publish('test', 'check.result', {
      check: 'temperature',
      subject: 'north-1',
      status: 'critical',
      message: 'north-1 is hot',
      value: 90,
      labels: { encoder: 'north-1', site: 'north' },
      at: Date.now(),
    });
    let open: Json[] = [];
    for (let i = 0; i < 50 && !open.some((x) => x.name === 'temperature' && x.state === 'firing'); i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      open = items(await call(a.url, 'GET', '/api/v1/alerts?severity=critical', admin));
    }
    const alert = open.find((x) => x.name === 'temperature')!;
    expect(alert).to.include({ state: 'firing' });
    const fp = alert.fingerprint as string;
    expect((await call(a.url, 'GET', `/api/v1/alerts/${fp}`, admin)).json).to.include({ fingerprint: fp });
    const ack = await call(a.url, 'POST', `/api/v1/alerts/${fp}/acknowledge`, admin, { comment: 'on it' });
    expect(ack.json).to.include({ acknowledgedBy: 'api:admin-key' });
    expect(
      items(await call(a.url, 'GET', `/api/v1/alerts/history?fingerprint=${fp}`, admin)).map((h) => h.to),
    ).to.include('firing');
    expect(
      items(await call(a.url, 'GET', '/api/monitoring/alerts', admin)).map((x) => x.fingerprint),
    ).to.include(fp);
    const health = await call(a.url, 'GET', '/health/encoder/north-1', admin);
    expect(health.json).to.include({ status: 'degraded' });
    const now = Date.now();
    const silence = {
      matchers: [{ name: 'site', op: '=', value: 'north' }],
      comment: 'maintenance',
      startsAt: now,
      endsAt: now + 3_600_000,
    };
    const created = await call(a.url, 'POST', '/api/v1/silences', admin, silence);
    expect(created.status).to.equal(201);
    const id = (created.json as Json).id as string;
    expect(created.headers.get('location')).to.equal(`/api/v1/silences/${id}`);
    expect(items(await call(a.url, 'GET', '/api/v1/silences', admin)).map((x) => x.id)).to.include(id);
    expect(
      (await call(a.url, 'PUT', `/api/v1/silences/${id}`, admin, { ...silence, comment: 'longer' })).json,
    ).to.include({ comment: 'longer' });
    const backwards = await call(a.url, 'POST', '/api/v1/silences', admin, { ...silence, endsAt: now - 1 });
    expect((backwards.json as { errors: { pointer: string }[] }).errors[0]!.pointer).to.equal('/body/endsAt');
    expect((await call(a.url, 'DELETE', `/api/v1/silences/${id}`, admin)).status).to.equal(204);
    expect((await call(a.url, 'DELETE', `/api/v1/silences/${id}`, admin)).status).to.equal(404);
  });

  it('keeps notification secrets write-only: no GET anywhere returns them', async () => {
    const put = await call(a.url, 'PUT', '/api/v1/notifications/channels/email', admin, {
      settings: { note: 'relay' },
      secrets: { password: SECRET },
    });
    expect(put.status, put.text).to.equal(200);
    expect(put.json).to.deep.include({ secrets: { password: { set: true } } });
    const { runtime, stop } = buildRuntime();
    try {
      for (const spec of runtime.routes.filter((r) => r.method === 'GET' && !r.path.includes('/events'))) {
        const path = spec.path.replace(/:id/, 'hq-1').replace(/:fingerprint/, 'x');
        const r = await call(a.url, 'GET', path, admin);
        expect(r.text, path).to.not.include(SECRET);
      }
    } finally {
      await stop();
    }
    const settings = await call(a.url, 'GET', '/api/v1/notifications/settings', admin);
    expect((settings.json as { channels: Json[] }).channels[0]).to.deep.include({
      channel: 'email',
      secrets: { password: { set: true } },
    });
  });

  it('edits recipients and rules, sends a test message, lists and replays dead letters', async () => {
    expect(
      (
        await call(a.url, 'PUT', '/api/v1/notifications/recipients/desk', admin, {
          name: 'Desk',
          roles: ['cablecaster'],
          channels: [{ channel: 'email', address: 'desk@station.test' }],
        })
      ).status,
    ).to.equal(204);
    expect(
      (
        await call(a.url, 'PUT', '/api/v1/notifications/rules/all-critical', admin, {
          match: { severities: ['critical'] },
          notify: { roles: ['cablecaster'] },
        })
      ).status,
    ).to.equal(204);
    const readOnly = await call(a.url, 'PUT', '/api/v1/notifications/recipients/ops', admin, {
      name: 'Ops',
      roles: ['engineer'],
      channels: [],
    });
    expect(readOnly.status, readOnly.text).to.equal(422);
    const sent = await call(a.url, 'POST', '/api/v1/notifications/test', admin, { to: 'ops' });
    expect((sent.json as { results: Json[] }).results[0]).to.include({
      recipientId: 'ops',
      status: 'delivered',
    });
    expect(smtp.received).to.include('ops@station.test');
    const dead = await call(a.url, 'POST', '/api/v1/notifications/test', admin, { to: 'gone' });
    expect((dead.json as { results: Json[] }).results[0]).to.include({ status: 'dead' });
    const letters = items(
      await call(a.url, 'GET', '/api/v1/notifications/dead-letters?recipientId=gone', admin),
    );
    expect(letters[0]).to.include({ recipientId: 'gone', channel: 'email' });
    const replay = await call(
      a.url,
      'POST',
      `/api/v1/notifications/dead-letters/${letters[0]!.id as string}/replay`,
      admin,
    );
    expect(replay.status).to.equal(202);
    expect((await call(a.url, 'DELETE', '/api/v1/notifications/rules/all-critical', admin)).status).to.equal(
      204,
    );
    expect((await call(a.url, 'DELETE', '/api/v1/notifications/recipients/desk', admin)).status).to.equal(
      204,
    );
    expect((await call(a.url, 'DELETE', '/api/v1/notifications/recipients/desk', admin)).status).to.equal(
      404,
    );
  });

  it('manages keys over HTTP: the secret only in the create answer, rotation with grace, revocation', async () => {
    const created = await call(a.url, 'POST', '/api/v1/keys', admin, {
      name: 'dashboard',
      scope: 'read',
      expiresInDays: 30,
    });
    expect(created.status).to.equal(201);
    const { key, record } = created.json as { key: string; record: Json };
    expect((await call(a.url, 'GET', '/api/v1/keys/self', key)).json).to.include({
      id: record.id,
      scope: 'read',
      state: 'active',
    });
    const list = await call(a.url, 'GET', '/api/v1/keys', admin);
    expect(list.text).to.not.include(key);
    expect(list.text).to.not.include('digest');
    const rotated = await call(a.url, 'POST', `/api/v1/keys/${record.id as string}/rotate`, admin, {
      graceSec: 3600,
    });
    const next = rotated.json as { key: string; previous: Json };
    expect(next.previous).to.include({
      state: 'grace',
      replacedBy: (rotated.json as { record: Json }).record.id,
    });
    expect((await call(a.url, 'GET', '/api/v1/keys/self', key)).status, 'old key in grace').to.equal(200);
    expect((await call(a.url, 'DELETE', `/api/v1/keys/${record.id as string}`, admin)).json).to.include({
      state: 'revoked',
    });
    expect((await call(a.url, 'GET', '/api/v1/keys/self', key)).status).to.equal(401);
    expect((await call(a.url, 'GET', '/api/v1/keys/self', next.key)).status).to.equal(200);
    expect((await call(a.url, 'POST', '/api/v1/keys', admin, { name: 'x', scope: 'root' })).status).to.equal(
      400,
    );
  });

  it('serves plugins, health, the station overview and the performance monitor', async () => {
    expect((await call(a.url, 'GET', '/api/v1/health')).json).to.include({ status: 'ok' });
    const plugins = items(await call(a.url, 'GET', '/api/v1/plugins', admin));
    expect(plugins.find((p) => p.name === 'failover'))
      .to.include({ state: 'loaded', version: '0.1.0' })
      .and.to.have.property('configSchema');
    const status = await call(a.url, 'GET', '/api/monitoring/status', admin);
    expect(status.json).to.include.keys('status', 'encoders', 'channels', 'alerts');
    const metrics = await call(a.url, 'GET', '/encoders/hq-1/metrics?limit=2', admin);
    expect((metrics.json as { history: unknown[] }).history).to.have.length(2);
    const detailed = (await call(a.url, 'GET', '/health/detailed', admin)).json as {
      api: { eventLoop: Json; routes: Json[]; plugins: Json[] };
    };
    expect(detailed.api.eventLoop).to.include.keys('p50Ms', 'p99Ms', 'maxMs');
    expect(detailed.api.routes.find((r) => r.route === '/api/v1/encoders')!.latency).to.include.keys(
      'p50Ms',
      'p95Ms',
      'p99Ms',
    );
    expect(detailed.api.plugins.map((p) => p.plugin)).to.include.members([
      'core',
      'failover',
      'notifications',
    ]);
    const snapshot = a.agent.services.tryUse(apiMetricsRef)!.snapshot();
    expect(snapshot.requests).to.be.greaterThan(10);
    expect((await call(a.url, 'GET', '/api/v1/streams', admin)).json).to.include({
      status: 503,
      plugin: 'ingest-nginx-rtmp',
    });
    expect((await call(a.url, 'GET', '/api/v1/meetings', admin)).json).to.include({
      status: 503,
      plugin: 'meetings',
    });
  });
});
