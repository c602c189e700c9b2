import { expect } from 'chai';
import { DriverError, type EncoderDriver } from '@encoder-manager/sdk';
import { controlDriver, pollDriver } from '@encoder-manager/sdk/testing';
import { startPearlSimulator, type PearlSimulator } from '../src/simulator/index.js';
import { driverFor } from './helpers.js';

describe('pearl driver against the simulator', () => {
  let sim: PearlSimulator;
  let driver: EncoderDriver;
  beforeEach(async () => {
    sim = await startPearlSimulator({ startDelayMs: 300, stopDelayMs: 150, rebootMs: 1500 });
    driver = driverFor(sim).driver;
  });
  afterEach(async () => {
    await driver.close?.();
    await sim.close();
  });

  it('reads every publisher and recorder, with system metrics', async () => {
    sim.setOutput('ch1/pub1', 'active');
    const sample = await pollDriver(driver);
    expect(sample.reachable).to.equal(true);
    expect(sample.outputs.map((o) => `${o.id}:${o.kind}:${o.state}:${o.raw}`)).to.deep.equal([
      'ch1/pub0:stream:idle:stopped',
      'ch1/pub1:stream:active:started',
      'ch2/pub0:stream:idle:stopped',
      'ch2/pub1:stream:disabled:stopped',
      'rec1:record:idle:stopped',
      'rec2:record:idle:stopped',
    ]);
    const srt = sample.outputs.find((o) => o.id === 'ch1/pub1');
    expect(srt?.bitrateKbps).to.be.within(3500, 3700);
    expect(srt?.destination).to.equal('srt://127.0.0.1:9000');
    expect(sample.outputs[0]?.destination).to.equal('rtmp://127.0.0.1:1935/live');
    expect(sample.metrics.cpuPct).to.be.within(0, 100);
    expect(sample.metrics.temperatureC).to.be.within(45, 60);
    expect(sample.metrics.uptimeSec).to.be.at.least(3600);
    expect(sample.metrics.mediaPct).to.be.within(20, 30);
    expect(sample.metrics.linkErrors).to.equal(0);
    expect(sample.metrics).to.not.have.any.keys('droppedFrames', 'inputSignal', 'fps');
  });

  it('limits the poll to the configured channels and recorders', async () => {
    await driver.close?.();
    driver = driverFor(sim, { channels: ['2'], recorders: ['1'] }).driver;
    const ids = (await pollDriver(driver)).outputs.map((o) => o.id);
    expect(ids).to.deep.equal(['ch2/pub0', 'ch2/pub1', 'rec1']);
  });

  it('sees the asynchronous start pass through starting, and confirms a recorder start', async () => {
    const pending = controlDriver(driver, { type: 'start', outputId: 'rec2' });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect((await pollDriver(driver)).outputs.find((o) => o.id === 'rec2')).to.include({
      state: 'starting',
      raw: 'starting',
    });
    const result = await pending;
    expect(result).to.include({ confirmed: true, state: 'active' });
    expect(result.elapsedMs).to.be.within(250, 2000);
  });

  it('confirms a start of an already started publisher by reading it back', async () => {
    sim.setOutput('ch1/pub0', 'active');
    const result = await controlDriver(driver, { type: 'start', outputId: 'ch1/pub0' });
    expect(result).to.include({ confirmed: true, state: 'active' });
  });

  it('does not confirm a publisher that fails to start (no URL configured)', async () => {
    await driver.close?.();
    driver = driverFor(sim, { controlDeadlineMs: 1000 }).driver;
    const result = await controlDriver(driver, { type: 'start', outputId: 'ch2/pub1' });
    expect(result).to.include({ confirmed: false, state: 'failed' });
  });

  it('refuses ids of the wrong shape and ids the device does not have', async () => {
    const wrong = await controlDriver(driver, { type: 'start', outputId: 'stream' }).catch((e: unknown) => e);
    expect(wrong).to.be.instanceOf(DriverError).with.property('code', 'EM_DRIVER_UNSUPPORTED');
    const missing = await controlDriver(driver, { type: 'start', outputId: 'ch9/pub0' }).catch(
      (e: unknown) => e,
    );
    expect(missing).to.be.instanceOf(DriverError).with.property('code', 'EM_DRIVER_UNSUPPORTED');
    expect((missing as DriverError).message).to.contain("channel '9' not found");
  });

  it('confirms a reboot once the device goes down, and reports the reboot phases', async () => {
    sim.setOutput('ch1/pub0', 'active');
    const result = await controlDriver(driver, { type: 'reboot' });
    expect(result.confirmed).to.equal(true);
    const refused = await pollDriver(driver);
    expect(refused).to.deep.include({ reachable: false, outputs: [], metrics: {} });
    expect(refused.error?.code).to.equal('EM_DRIVER_UNREACHABLE');
    await new Promise((resolve) => setTimeout(resolve, 700));
    const unavailable = await pollDriver(driver);
    expect(unavailable.error?.code).to.equal('EM_DRIVER_UNREACHABLE');
    expect(unavailable.error?.message).to.contain('unavailable');
    await new Promise((resolve) => setTimeout(resolve, 900));
    const back = await pollDriver(driver);
    expect(back.reachable).to.equal(true);
    expect(back.metrics.uptimeSec).to.be.below(5);
    expect(back.outputs.find((o) => o.id === 'ch1/pub0')?.state).to.equal('idle');
  });

  it('reports EM_DRIVER_AUTH when the password was changed on the unit (auth-expiry)', async () => {
    sim.inject('auth-expiry');
    expect((await pollDriver(driver)).error?.code).to.equal('EM_DRIVER_AUTH');
    const refused = await controlDriver(driver, { type: 'stop', outputId: 'rec1' }).catch((e: unknown) => e);
    expect(refused).to.be.instanceOf(DriverError).with.property('code', 'EM_DRIVER_AUTH');
    sim.clearFaults();
    expect((await pollDriver(driver)).reachable).to.equal(true);
  });

  it('logs quietly: debug lines only', async () => {
    await driver.close?.();
    const made = driverFor(sim);
    driver = made.driver;
    await pollDriver(driver);
    sim.inject('garbled');
    await pollDriver(driver);
    expect(made.logs.map((r) => r.level)).to.deep.equal(['debug', 'debug']);
  });
});
