import { expect } from 'chai';
import { DriverError, type EncoderDriver } from '@encoder-manager/sdk';
import { controlDriver, outputOf, pollDriver } from '@encoder-manager/sdk/testing';
import { startObsSimulator, type ObsSimulator } from '../src/simulator/index.js';
import { driverFor } from './helpers.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('obs driver against the simulator', () => {
  let sim: ObsSimulator;
  let driver: EncoderDriver;
  beforeEach(async () => {
    sim = await startObsSimulator({ startDelayMs: 400, stopDelayMs: 150, restartMs: 600 });
    driver = driverFor(sim).driver;
  });
  afterEach(async () => {
    await driver.close?.();
    await sim.close();
  });

  it('reports stream and record with metrics OBS really has', async () => {
    await pollDriver(driver); // connect first: events before the session exists are not seen (polls fill in)
    sim.setOutput('stream', 'active');
    sim.setOutput('record', 'active');
    const first = await pollDriver(driver);
    expect(first.outputs.map((o) => `${o.id}:${o.kind}:${o.state}:${o.raw}`)).to.deep.equal([
      'stream:stream:active:OBS_WEBSOCKET_OUTPUT_STARTED',
      'record:record:active:OBS_WEBSOCKET_OUTPUT_STARTED',
    ]);
    expect(outputOf(first, 'stream')?.destination).to.equal('rtmp://127.0.0.1:1935/live');
    expect(outputOf(first, 'record')?.destination).to.match(/^\/home\/obs\/Videos\/.*\.mkv$/);
    expect(outputOf(first, 'stream')?.bitrateKbps).to.equal(undefined);
    expect(first.metrics).to.have.all.keys('cpuPct', 'fps', 'droppedFrames');
    expect(first.metrics.fps).to.equal(30);
    await sleep(400);
    const second = await pollDriver(driver);
    expect(outputOf(second, 'stream')?.bitrateKbps).to.be.within(5400, 6600);
    expect(outputOf(second, 'record')?.bitrateKbps).to.be.within(10_800, 13_200);
  });

  it('shows a pushed STARTING at once, then confirms the start by read-back', async () => {
    const pending = controlDriver(driver, { type: 'start', outputId: 'record' });
    await sleep(120);
    expect(outputOf(await pollDriver(driver), 'record')).to.include({
      state: 'starting',
      raw: 'OBS_WEBSOCKET_OUTPUT_STARTING',
    });
    expect(await pending).to.include({ confirmed: true, state: 'active' });
    const stopped = await controlDriver(driver, { type: 'stop', outputId: 'record' });
    expect(stopped).to.include({ confirmed: true, state: 'idle' });
  });

  it('treats 500 OutputRunning / 501 OutputNotRunning as already in state, confirmed by read-back', async () => {
    sim.setOutput('stream', 'active');
    expect(await controlDriver(driver, { type: 'start', outputId: 'stream' })).to.include({
      confirmed: true,
      state: 'active',
    });
    expect(await controlDriver(driver, { type: 'stop', outputId: 'record' })).to.include({
      confirmed: true,
      state: 'idle',
    });
  });

  it('retries 207 NotReady until OBS is ready, and reports it from poll', async () => {
    await sim.inject('not-ready');
    const sample = await pollDriver(driver);
    expect(sample.error?.code).to.equal('EM_DRIVER_UNREACHABLE');
    expect(sample.error?.message).to.contain('code 207');
    const pending = controlDriver(driver, { type: 'start', outputId: 'stream' });
    await sleep(600);
    sim.clearFaults();
    expect(await pending).to.include({ confirmed: true, state: 'active' });
  });

  it('refuses reboot and unknown outputs with EM_DRIVER_UNSUPPORTED', async () => {
    for (const action of [{ type: 'reboot' }, { type: 'start', outputId: 'ch1/pub0' }] as const) {
      const error = await controlDriver(driver, action).catch((e: unknown) => e);
      expect(error).to.be.instanceOf(DriverError).with.property('code', 'EM_DRIVER_UNSUPPORTED');
    }
  });

  it('shows link loss as reconnecting, and dropped frames as a rising count on a degraded stream', async () => {
    await pollDriver(driver);
    sim.setOutput('stream', 'active');
    await sim.inject('link-loss');
    expect(outputOf(await pollDriver(driver), 'stream')).to.include({
      state: 'reconnecting',
      raw: 'OBS_WEBSOCKET_OUTPUT_RECONNECTING',
    });
    sim.clearFaults();
    expect(outputOf(await pollDriver(driver), 'stream')).to.include({
      state: 'active',
      raw: 'OBS_WEBSOCKET_OUTPUT_RECONNECTED',
    });
    await sim.inject('dropped-frames');
    await sleep(300);
    const sample = await pollDriver(driver);
    expect(outputOf(sample, 'stream')?.state).to.equal('degraded');
    expect(sample.metrics.droppedFrames).to.be.at.least(3);
  });

  it('reports synthesized raw values when it connected after the state was set', async () => {
    sim.setOutput('stream', 'active');
    expect(outputOf(await pollDriver(driver), 'stream')).to.include({
      state: 'active',
      raw: 'outputActive=true',
    });
  });

  it('is unreachable while OBS restarts, then reconnects by itself', async () => {
    expect((await pollDriver(driver)).reachable).to.equal(true);
    sim.setOutput('stream', 'active');
    await sim.restart();
    const during = await pollDriver(driver);
    expect(during).to.deep.include({ reachable: false, outputs: [], metrics: {} });
    expect(during.error?.code).to.equal('EM_DRIVER_UNREACHABLE');
    // Reconnect attempts back off (0, 0.5 s, 1 s …); OBS is back after 0.6 s.
    let after = await pollDriver(driver);
    for (let tries = 0; !after.reachable && tries < 25; tries += 1) {
      await sleep(200);
      after = await pollDriver(driver);
    }
    expect(after.reachable).to.equal(true);
    expect(outputOf(after, 'stream')?.state).to.equal('idle');
  });

  it('re-identifies with the new salt after the session is invalidated (4011)', async () => {
    expect((await pollDriver(driver)).reachable).to.equal(true);
    const saltBefore = sim.server.auth.salt;
    await sim.inject('auth-expiry');
    expect(sim.server.auth.salt).to.not.equal(saltBefore);
    expect((await pollDriver(driver)).reachable).to.equal(true);
  });

  it('connects without a password when OBS has authentication off', async () => {
    const open = await startObsSimulator({ password: null });
    const noAuth = driverFor(open, { password: undefined }).driver;
    expect((await pollDriver(noAuth)).reachable).to.equal(true);
    await noAuth.close?.();
    await open.close();
  });

  it('says a password is needed when none is configured', async () => {
    const bare = driverFor(sim, { password: undefined }).driver;
    const sample = await pollDriver(bare);
    expect(sample.error?.code).to.equal('EM_DRIVER_AUTH');
    expect(sample.error?.message).to.contain('requires a password');
    await bare.close?.();
  });

  it('backs off after a refused password instead of reconnecting on every poll', async () => {
    const wrong = driverFor(sim, { password: 'nope' }).driver;
    const first = await pollDriver(wrong);
    expect(first.error?.message).to.contain('4009 AuthenticationFailed (Authentication failed.)');
    const started = Date.now();
    const second = await pollDriver(wrong);
    expect(second.error?.code).to.equal('EM_DRIVER_AUTH');
    expect(Date.now() - started).to.be.below(50);
    await wrong.close?.();
  });
});
