import { request } from 'node:http';
import { expect } from 'chai';
import {
  createWallClock,
  SIMULATOR_CONTROL_PATH,
  startHttpServer,
  startHttpSimulator,
  type HttpSimulator,
} from '../src/simulator/index.js';
import { FakeClock } from '../src/testing/index.js';

/** GET over a keep-alive agent-less request, so a connection stays open after the reply. */
function getKeepAlive(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers: { connection: 'keep-alive' } }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
}

describe('simulator HTTP server', () => {
  it('listens on 127.0.0.1 and a free port, and resets the connection when a handler throws', async () => {
    const server = await startHttpServer((req, res) => {
      if (req.url === '/boom') throw new Error('handler bug');
      res.end('ok');
    });
    try {
      expect(server.url).to.equal(`http://127.0.0.1:${server.port}`);
      expect(await (await fetch(`${server.url}/`)).text()).to.equal('ok');
      const failed = await fetch(`${server.url}/boom`).then(
        () => 'answered',
        () => 'reset',
      );
      expect(failed).to.equal('reset');
    } finally {
      await server.close();
    }
  });

  it('closes at once although a keep-alive connection is still open', async () => {
    const server = await startHttpServer((_req, res) => void res.end('ok'));
    expect(await getKeepAlive(`${server.url}/`)).to.equal(200);
    const started = Date.now();
    await server.close();
    expect(Date.now() - started).to.be.below(1000);
  });
});

describe('HTTP device simulator', () => {
  let clock: FakeClock;
  let sim: HttpSimulator;
  let status: Record<string, unknown>;
  beforeEach(async () => {
    clock = new FakeClock();
    status = { state: 'idle' };
    sim = await startHttpSimulator({
      clock,
      slowMs: 2000,
      command(line) {
        if (line === 'status') return status;
        throw new RangeError(`unknown command "${line}"`);
      },
      handle: async (_req, res, url) => void res.end(`device ${url.pathname}`),
    });
  });
  afterEach(() => sim.close());

  it('answers the control path with the status, or 400 naming the bad command', async () => {
    expect(await (await fetch(`${sim.url}${SIMULATOR_CONTROL_PATH}`)).json()).to.deep.equal({
      ok: true,
      result: { state: 'idle' },
    });
    const bad = await fetch(`${sim.url}${SIMULATOR_CONTROL_PATH}`, { method: 'POST', body: 'melt' });
    expect(bad.status).to.equal(400);
    expect(await bad.json()).to.deep.equal({ ok: false, error: 'unknown command "melt"' });
  });

  it('logs device requests only, and resets them while unreachable (control stays reachable)', async () => {
    expect(await (await fetch(`${sim.url}/a?x=1`)).text()).to.equal('device /a');
    sim.transport.unreachable = true;
    const reply = await fetch(`${sim.url}/b`).then(
      () => 'answered',
      () => 'reset',
    );
    expect(reply).to.equal('reset');
    expect((await fetch(`${sim.url}${SIMULATOR_CONTROL_PATH}`)).status).to.equal(200);
    expect(sim.requests()).to.deep.equal(['GET /a?x=1']);
  });

  it('holds replies for slowMs on its clock under the slow fault', async () => {
    sim.transport.slow = true;
    let answered = false;
    const reply = fetch(`${sim.url}/slow`).then(async (res) => {
      answered = true;
      return res.text();
    });
    // The request reaches the server asynchronously; wait (at most 2 s) until its slow sleep is pending.
    for (let i = 0; i < 400 && clock.pendingTimers() === 0; i++) await new Promise((r) => setTimeout(r, 5));
    await clock.advance(1999);
    expect(answered).to.equal(false);
    await clock.advance(1);
    expect(await reply).to.equal('device /slow');
  });
});

describe('wall clock', () => {
  it('sleeps, and rejects with the reason when the signal aborts first', async () => {
    const clock = createWallClock();
    const started = clock.now();
    await clock.sleep(20);
    expect(clock.now() - started).to.be.at.least(15);
    const controller = new AbortController();
    const sleeping = clock.sleep(10_000, controller.signal);
    controller.abort(new Error('closing'));
    expect(await sleeping.catch((error: unknown) => (error as Error).message)).to.equal('closing');
  });

  it('cancels a timer, on either setting of keepAlive', async () => {
    for (const clock of [createWallClock(), createWallClock({ keepAlive: true })]) {
      let fired = false;
      const cancel = clock.setTimer(() => (fired = true), 10);
      cancel();
      await new Promise((resolve) => setTimeout(resolve, 30));
      expect(fired).to.equal(false);
    }
  });
});
