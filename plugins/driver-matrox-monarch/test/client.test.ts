import { expect } from 'chai';
import { controlDriver, pollDriver } from '@encoder-manager/sdk/testing';
import { startMatroxMonarchSimulator, type MatroxMonarchSimulator } from '../src/index.js';
import { driverFor } from './helpers.js';

const AUTH = { authorization: `Basic ${Buffer.from('admin:admin').toString('base64')}` };

function send(sim: MatroxMonarchSimulator, command: string): Promise<string> {
  return fetch(`${sim.url}/Monarch/syncconnect/sdk.aspx?command=${command}`, { headers: AUTH }).then((r) =>
    r.text(),
  );
}

/** Sends a command as another controller would, resolving once the device has received it. */
async function occupy(sim: MatroxMonarchSimulator, command: string): Promise<{ reply: Promise<string> }> {
  const seen = sim.requests().length;
  const reply = send(sim, command);
  while (sim.requests().length === seen) await new Promise((resolve) => setTimeout(resolve, 5));
  return { reply };
}

describe('Monarch command serialisation and RETRY', () => {
  let sim: MatroxMonarchSimulator;
  afterEach(() => sim.close());

  it('the simulator answers RETRY to a command that arrives while another executes', async () => {
    sim = await startMatroxMonarchSimulator({ commandMs: 300, statusMs: 300 });
    for (const [first, second, expected] of [
      ['StartStreaming', 'GetStatus', 'SUCCESS'],
      ['GetStatus', 'GetStatus', 'RECORD: READY, STREAM:RTMP,ON, NAME:MONARCH1'],
    ]) {
      const running = await occupy(sim, first!);
      expect((await send(sim, second!)).trim()).to.equal('RETRY');
      expect((await running.reply).trim()).to.equal(expected);
      await new Promise((resolve) => setTimeout(resolve, 500)); // the start lands after 400 ms
    }
  });

  it('one driver never collides with itself: polls and control share one queue', async () => {
    sim = await startMatroxMonarchSimulator({ commandMs: 300, statusMs: 50 });
    const driver = driverFor(sim.url);
    const results = await Promise.all([
      controlDriver(driver, { type: 'start', outputId: 'stream' }),
      pollDriver(driver),
      pollDriver(driver),
      controlDriver(driver, { type: 'start', outputId: 'record' }),
      pollDriver(driver),
    ]);
    expect(results.every((r) => ('confirmed' in r ? r.confirmed : r.reachable))).to.equal(true);
    expect(sim.status().retriesSent).to.equal(0);
  });

  it('retries RETRY from another controller with a doubling pause, then succeeds', async () => {
    sim = await startMatroxMonarchSimulator();
    sim.setBusy(3);
    const started = Date.now();
    const sample = await pollDriver(driverFor(sim.url, { retryDelayMs: 50 }));
    expect(sample.reachable).to.equal(true);
    expect(Date.now() - started).to.be.at.least(50 + 100 + 200);
    expect(sim.requests().filter((r) => r.endsWith('command=GetStatus'))).to.have.length(4);
  });

  it('waits out a real concurrent command from another controller', async () => {
    sim = await startMatroxMonarchSimulator({ commandMs: 400 });
    const other = await occupy(sim, 'StartRecording');
    const sample = await pollDriver(driverFor(sim.url, { retryDelayMs: 100 }));
    expect(sample.reachable).to.equal(true);
    expect(await other.reply).to.equal('SUCCESS\r\n');
    expect(sim.status().retriesSent).to.be.at.least(1);
  });

  it('gives up with EM_DRIVER_TIMEOUT when the device stays busy', async () => {
    sim = await startMatroxMonarchSimulator();
    sim.setBusy(100);
    const sample = await pollDriver(driverFor(sim.url, { retryAttempts: 3, retryDelayMs: 20 }));
    expect(sample.error?.code).to.equal('EM_DRIVER_TIMEOUT');
    expect(sample.error?.message).to.contain('still answered RETRY to GetStatus after 3 attempts');
  });

  it('a poll whose deadline passes while it waits in the queue returns at once and is never sent', async () => {
    sim = await startMatroxMonarchSimulator({ commandMs: 1500 });
    const driver = driverFor(sim.url);
    const starting = controlDriver(driver, { type: 'start', outputId: 'stream' });
    while (sim.requests().length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    const started = Date.now();
    const sample = await driver.poll(AbortSignal.timeout(200));
    expect(Date.now() - started).to.be.below(1000); // the queue frees only after 1500 ms
    expect(sample.error?.code).to.equal('EM_DRIVER_TIMEOUT');
    await starting;
    expect(sim.status().retriesSent).to.equal(0);
  });
});
