import { expect } from 'chai';
import { WebSocket } from 'ws';
import { generateToken } from '../src/keys/format.js';
import { call, startApiAgent, type ApiAgent } from './helpers/agent.js';
import { rawUpgrade } from './helpers/raw-socket.js';
import { connect, upgradeStatus, type VerifyingClient } from './helpers/ws-client.js';

const ORIGIN = 'https://mcr.example.org';
const ROOMY = { points: 10_000, durationSec: 60 };

describe('api event WebSocket', () => {
  let a: ApiAgent;
  let admin: string;
  let ws: string;
  const open: VerifyingClient[] = [];
  const track = (client: VerifyingClient) => (open.push(client), client);

  before(async () => {
    a = await startApiAgent({
      api: {
        origins: [ORIGIN],
        rateLimits: {
          policies: { read: [ROOMY], ticket: [ROOMY] },
          authFailures: { points: 1000, durationSec: 60, blockSec: 1 },
        },
        ws: {
          pingIntervalMs: 200,
          maxConnectionsPerKey: 3,
          messagesPerMinute: 5,
          replayBufferSize: 200,
          ticketTtlSec: 1,
          revalidateIntervalMs: 300,
          maxBufferedBytes: 4096,
        },
      },
    });
    admin = (await a.createKey('admin')).key;
    ws = `ws://127.0.0.1:${a.port}/api/v1/events`;
  });
  afterEach(() => {
    for (const client of open.splice(0)) client.ws.terminate();
  });
  after(() => a.stop());

  it('refuses upgrades without valid credentials with 401 before any 101', async () => {
    expect((await upgradeStatus(ws)).status).to.equal(401);
    expect((await upgradeStatus(ws, { Authorization: `Bearer ${generateToken('api')}` })).status).to.equal(
      401,
    );
    const refused = await upgradeStatus(`${ws}?key=${admin}`);
    expect(refused.status, 'a key in the URL is not accepted').to.equal(401);
    expect(JSON.parse(refused.body)).to.include({ status: 401 });
    expect(a.agent.services).to.not.equal(undefined);
  });

  it('checks Origin against the exact allowlist (403), and closes unknown paths (404)', async () => {
    const auth = { Authorization: `Bearer ${admin}` };
    expect((await upgradeStatus(ws, { ...auth, Origin: 'https://evil.example.org' })).status).to.equal(403);
    expect((await upgradeStatus(ws, { ...auth, Origin: `${ORIGIN}.evil.org` })).status).to.equal(403);
    expect((await upgradeStatus(ws, { ...auth, Origin: ORIGIN })).status).to.equal(101);
    expect((await upgradeStatus(`ws://127.0.0.1:${a.port}/api/v1/other`, auth)).status).to.equal(404);
  });

  it('accepts a single-use ticket (TTL ≤ 30 s) in place of a header; reuse or expiry → 401', async () => {
    const issued = await call(a.url, 'POST', '/api/v1/ws-ticket', admin);
    expect(issued.status).to.equal(201);
    const { ticket, url } = issued.json as { ticket: string; url: string };
    expect(ticket).to.match(/^em_wst_/);
    const client = track(
      await connect(`ws://127.0.0.1:${a.port}${url}`, ticket, { header: false, origin: ORIGIN }),
    );
    await client.until(() => client.events.length >= 2, 5000, 'events');
    expect(client.problems).to.deep.equal([]);
    expect((await upgradeStatus(`ws://127.0.0.1:${a.port}${url}`)).status, 'reuse').to.equal(401);
    const late = (await call(a.url, 'POST', '/api/v1/ws-ticket', admin)).json as { url: string };
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect((await upgradeStatus(`ws://127.0.0.1:${a.port}${late.url}`)).status, 'expired').to.equal(401);
  });

  it('signs every frame: epoch, seq and an HMAC the client verifies; tampering and duplicates are detected', async () => {
    const client = track(await connect(ws, admin));
    await client.until(() => client.events.length >= 5, 5000, 'events');
    expect(client.problems).to.deep.equal([]);
    expect(client.frames[0]!.type).to.equal('hello');
    expect(client.frames[1]!.type).to.equal('snapshot');
    for (const frame of client.frames) expect(frame.epoch).to.equal(client.frames[0]!.epoch);
    const text = JSON.stringify(client.events[0]);
    expect(client.receive(text.replace(/"seq":\d+/, '"seq":999999'))).to.equal('bad-mac');
    const lastFrame = client.events.at(-1)!;
    expect(client.receive(JSON.stringify(lastFrame)), 'a replayed frame').to.equal('duplicate');
    expect(client.last).to.equal(lastFrame.seq);
  });

  it('replays exactly the missed frames on reconnect with since, and sends a snapshot when too old', async () => {
    const filter = '?events=encoder.sample';
    const reference = track(await connect(`${ws}${filter}`, admin));
    const first = track(await connect(`${ws}${filter}`, admin));
    await first.until(() => first.events.length >= 3, 5000, 'first events');
    first.ws.close();
    await new Promise((resolve) => setTimeout(resolve, 200));
    const since = first.last;
    const epoch = first.frames[0]!.epoch;
    await reference.until(() => reference.last > since + 6, 5000, 'events while away');
    const resumed = track(await connect(`${ws}${filter}&since=${since}&epoch=${epoch}`, admin));
    await resumed.until(() => resumed.last >= reference.last, 5000, 'catch up');
    expect(resumed.frames[0]!.data).to.include({ resumed: true });
    expect(resumed.frames.some((f) => f.type === 'snapshot')).to.equal(false);
    expect(resumed.problems).to.deep.equal([]);
    const upTo = Math.min(resumed.last, reference.last);
    const expected = reference.events.filter((f) => f.seq > since && f.seq <= upTo).map((f) => f.seq);
    expect(resumed.events.filter((f) => f.seq <= upTo).map((f) => f.seq)).to.deep.equal(expected);
    resumed.close();
    await resumed.until(() => resumed.closed !== undefined);
    // Push the stream past the 200-entry replay buffer, so position 1 is gone.
    for (let i = 0; i < 250; i += 1)
      a.agent.bus.publish('test', 'plugin.state', { plugin: 'test', state: 'loaded', at: Date.now() });
    await reference.until(
      () => reference.frames.length > 0 && a.agent.bus.stats().every((s) => s.queued === 0),
      5000,
      'bus drained',
    );
    const old = track(await connect(`${ws}${filter}&since=1&epoch=${epoch}`, admin));
    await old.until(() => old.frames.length >= 2);
    expect(old.frames[0]!.data).to.include({ resumed: false });
    expect(old.frames[1]!.type).to.equal('snapshot');
    old.close();
    await old.until(() => old.closed !== undefined);
    const otherEpoch = track(await connect(`${ws}${filter}&since=${since}&epoch=previous-run`, admin));
    await otherEpoch.until(() => otherEpoch.frames.length >= 2);
    expect(otherEpoch.frames[1]!.type).to.equal('snapshot');
  });

  it('closes with 1009 on a message over 64 KiB and with 1008 past the message rate', async () => {
    const big = track(await connect(ws, admin));
    big.ws.send('x'.repeat(64 * 1024 + 1));
    await big.until(() => big.closed !== undefined);
    expect(big.closed!.code).to.equal(1009);
    const chatty = track(await connect(ws, admin));
    for (let i = 0; i < 6; i += 1) chatty.ws.send(JSON.stringify({ type: 'ping' }));
    await chatty.until(() => chatty.closed !== undefined);
    expect(chatty.closed!.code).to.equal(1008);
    expect(chatty.frames.filter((f) => f.type === 'pong')).to.have.length(5);
  });

  it('filters by event name and labels, and limits a site key to its sites', async () => {
    const client = track(await connect(`${ws}?events=encoder.*&label=room=a`, admin));
    await client.until(() => client.events.length >= 3);
    for (const frame of client.events) expect(frame.data.encoderId).to.equal('hq-1');
    client.ws.send(
      JSON.stringify({ type: 'subscribe', events: ['encoder.sample'], labels: { encoder: 'north-1' } }),
    );
    await client.until(() => client.events.some((f) => f.data.encoderId === 'north-1'));
    const north = (await a.createKey('read', { sites: ['north'] })).key;
    const site = track(await connect(ws, north));
    await site.until(() => site.events.length >= 4);
    expect(new Set(site.events.map((f) => f.data.encoderId))).to.deep.equal(new Set(['north-1']));
    const snapshot = site.frames.find((f) => f.type === 'snapshot')!;
    expect((snapshot.data.encoders as { id: string }[]).map((e) => e.id)).to.deep.equal(['north-1']);
  });

  it('caps sockets per key: the next upgrade is refused', async () => {
    const { key } = await a.createKey('read', { name: 'capped' });
    for (let i = 0; i < 3; i += 1) track(await connect(ws, key));
    expect((await upgradeStatus(ws, { Authorization: `Bearer ${key}` })).status).to.equal(429);
  });

  it('closes a key’s sockets with 1008 when it is revoked here, or in the database by another agent', async () => {
    const one = await a.createKey('read', { name: 'revoked-here' });
    const here = track(await connect(ws, one.key));
    await a.keysCli(['revoke', one.id]);
    await here.until(() => here.closed !== undefined, 2000, 'close on revoke');
    expect(here.closed).to.deep.equal({ code: 1008, reason: 'key revoked' });
    const two = await a.createKey('read', { name: 'revoked-elsewhere' });
    const elsewhere = track(await connect(ws, two.key));
    await a.agent.database.knex('api_keys').where({ id: two.id }).update({ revoked_at: Date.now() });
    await elsewhere.until(() => elsewhere.closed !== undefined, 5000, 'close on revalidation');
    expect(elsewhere.closed!.code).to.equal(1008);
  });

  it('terminates a dead peer that stops answering pings, and keeps live ones', async () => {
    const live = track(await connect(ws, admin));
    const dead = await rawUpgrade(a.port, '/api/v1/events?events=plugin.state', admin);
    const started = Date.now();
    await dead.closed;
    expect(Date.now() - started).to.be.below(1500);
    expect(live.closed).to.equal(undefined);
    expect(live.ws.readyState).to.equal(WebSocket.OPEN);
  });

  it('disconnects a slow consumer whose buffer passes maxBufferedBytes', async () => {
    const slow = await rawUpgrade(a.port, '/api/v1/events?events=plugin.error', admin, { pause: true });
    const message = 'x'.repeat(50_000);
    for (let i = 0; i < 400 && !slow.socket.destroyed; i += 1) {
      a.agent.bus.publish('test', 'plugin.error', {
        plugin: 'test',
        hook: 'handler',
        code: 'EM_TEST',
        message,
        at: Date.now(),
      });
      if (i % 20 === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    }
    type Counters = { slowConsumerDisconnects: number; deadPeerTerminations: number };
    const counters = async () =>
      ((await call(a.url, 'GET', '/health/detailed', admin)).json as { api: { webSocket: Counters } }).api
        .webSocket;
    let webSocket = await counters();
    for (let i = 0; i < 50 && webSocket.slowConsumerDisconnects === 0; i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      webSocket = await counters();
    }
    expect(webSocket.slowConsumerDisconnects).to.be.greaterThan(0);
    expect(webSocket.deadPeerTerminations).to.be.greaterThan(0);
    slow.socket.destroy();
  });

  it('answers a plain GET of the events URL with 426', async () => {
    const r = await call(a.url, 'GET', '/api/v1/events', admin);
    expect(r.status).to.equal(426);
  });
});
