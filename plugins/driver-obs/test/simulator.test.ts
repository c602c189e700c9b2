import { expect } from 'chai';
import { FakeClock, pollDriver } from '@encoder-manager/sdk/testing';
import WebSocket from 'ws';
import { authenticationString } from '../src/protocol.js';
import { startObsSimulator, type ObsSimulator } from '../src/simulator/index.js';
import { driverFor } from './helpers.js';

interface Client {
  ws: WebSocket;
  next(): Promise<{ op: number; d: Record<string, unknown> }>;
  closed: Promise<{ code: number; reason: string }>;
}

async function connect(sim: ObsSimulator, protocol = 'obswebsocket.json'): Promise<Client> {
  const ws = new WebSocket(sim.url, protocol);
  const queue: string[] = [];
  const waiters: ((text: string) => void)[] = [];
  ws.on('message', (data) => {
    const waiter = waiters.shift();
    if (waiter) waiter(data.toString());
    else queue.push(data.toString());
  });
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() })),
  );
  await new Promise((resolve) => ws.once('open', resolve));
  const next = () =>
    new Promise<string>((resolve) =>
      queue.length > 0 ? resolve(queue.shift()!) : waiters.push(resolve),
    ).then((text) => JSON.parse(text) as { op: number; d: Record<string, unknown> });
  return { ws, next, closed };
}

async function identified(sim: ObsSimulator): Promise<Client> {
  const client = await connect(sim);
  const hello = await client.next();
  const auth = hello.d.authentication as { challenge: string; salt: string };
  const authentication = authenticationString(sim.password!, auth.salt, auth.challenge);
  client.ws.send(JSON.stringify({ op: 1, d: { rpcVersion: 1, authentication, eventSubscriptions: 64 } }));
  expect(await client.next()).to.deep.equal({ op: 2, d: { negotiatedRpcVersion: 1 } });
  return client;
}

describe('obs simulator protocol', () => {
  let sim: ObsSimulator;
  beforeEach(async () => (sim = await startObsSimulator({ startDelayMs: 100, stopDelayMs: 50 })));
  afterEach(() => sim.close());

  it('sends Hello with a challenge and the salt, and negotiates the subprotocol', async () => {
    const client = await connect(sim);
    expect(client.ws.protocol).to.equal('obswebsocket.json');
    const hello = await client.next();
    expect(hello.op).to.equal(0);
    expect(hello.d).to.include({ obsWebSocketVersion: '5.5.2', rpcVersion: 1 });
    expect(hello.d.authentication).to.have.all.keys('challenge', 'salt');
    client.ws.close();
  });

  it('closes with the documented codes for protocol mistakes', async () => {
    const cases: [unknown, number, string][] = [
      [{ op: 6, d: { requestType: 'GetStats', requestId: '1' } }, 4007, 'non-Identify'],
      [{ op: 1, d: { rpcVersion: 1 } }, 4009, 'missing an `authentication` string'],
      [{ op: 1, d: { rpcVersion: 1, authentication: 'bm9wZQ==' } }, 4009, 'Authentication failed.'],
      [{ 'request-type': 'GetVersion', 'message-id': '1' }, 4010, 'pre-5.0.0'],
      [{ op: 'x', d: {} }, 4006, 'not a number'],
      ['not json', 4002, 'Unable to decode Json'],
    ];
    for (const [message, code, words] of cases) {
      const client = await connect(sim);
      await client.next();
      client.ws.send(typeof message === 'string' ? message : JSON.stringify(message));
      const closed = await client.closed;
      expect(closed.code, JSON.stringify(message)).to.equal(code);
      expect(closed.reason).to.contain(words);
    }
  });

  it('rejects an unsupported rpcVersion with 4010 after authentication', async () => {
    const client = await connect(sim);
    const auth = (await client.next()).d.authentication as { challenge: string; salt: string };
    const authentication = authenticationString(sim.password!, auth.salt, auth.challenge);
    client.ws.send(JSON.stringify({ op: 1, d: { rpcVersion: 2, authentication } }));
    expect((await client.closed).code).to.equal(4010);
  });

  it('answers requests with status codes and pushes output events to subscribers', async () => {
    const client = await identified(sim);
    client.ws.send(JSON.stringify({ op: 6, d: { requestType: 'StopStream', requestId: 'a' } }));
    expect((await client.next()).d).to.deep.include({
      requestId: 'a',
      requestStatus: { result: false, code: 501, comment: 'The output is not running.' },
    });
    client.ws.send(JSON.stringify({ op: 6, d: { requestType: 'StartStream', requestId: 'b' } }));
    const messages = [await client.next(), await client.next(), await client.next()];
    expect(messages.map((m) => m.op).sort()).to.deep.equal([5, 5, 7]);
    const events = messages
      .filter((m) => m.op === 5)
      .map((m) => (m.d.eventData as { outputState: string }).outputState);
    expect(events).to.deep.equal(['OBS_WEBSOCKET_OUTPUT_STARTING', 'OBS_WEBSOCKET_OUTPUT_STARTED']);
    client.ws.send(JSON.stringify({ op: 6, d: { requestType: 'Nope', requestId: 'c' } }));
    expect(((await client.next()).d.requestStatus as { code: number }).code).to.equal(204);
    client.ws.close();
  });

  it('invalidates sessions with 4011 on auth-expiry', async () => {
    const client = await identified(sim);
    await sim.inject('auth-expiry');
    expect(await client.closed).to.deep.equal({ code: 4011, reason: 'Your session has been invalidated.' });
  });
});

describe('obs simulator faults on a FakeClock', () => {
  it('overheat drives CPU to 100 % and fps down over a minute (OBS has no temperature)', async () => {
    const clock = new FakeClock(Date.parse('2025-03-01T18:00:00Z'));
    const sim = await startObsSimulator({ clock });
    const { driver } = driverFor(sim);
    const before = await pollDriver(driver);
    expect(before.metrics.cpuPct).to.be.below(15);
    expect(before.metrics).to.not.have.property('temperatureC');
    await sim.inject('overheat');
    await clock.advance(60_000);
    const hot = await pollDriver(driver);
    expect(hot.metrics.cpuPct).to.equal(100);
    expect(hot.metrics.fps).to.equal(24);
    await driver.close?.();
    await sim.close();
  });
});
