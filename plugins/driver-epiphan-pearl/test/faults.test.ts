import { expect } from 'chai';
import type { EncoderDriver } from '@encoder-manager/sdk';
import { FakeClock, pollDriver } from '@encoder-manager/sdk/testing';
import { startPearlSimulator, type PearlSimulator } from '../src/simulator/index.js';
import { driverFor } from './helpers.js';

describe('pearl simulator faults (simulator on a FakeClock)', () => {
  let sim: PearlSimulator;
  let driver: EncoderDriver;
  let clock: FakeClock;
  beforeEach(async () => {
    clock = new FakeClock(Date.parse('2025-02-14T13:00:00Z'));
    sim = await startPearlSimulator({ clock });
    driver = driverFor(sim).driver;
  });
  afterEach(async () => {
    await driver.close?.();
    await sim.close();
  });

  it('overheat ramps cputemp to 85 °C in a minute, then about 1 °C per 10 s', async () => {
    const before = (await pollDriver(driver)).metrics.temperatureC!;
    expect(before).to.be.within(48, 56);
    sim.inject('overheat');
    const readings: number[] = [];
    for (const step of [30_000, 30_000, 60_000]) {
      await clock.advance(step);
      readings.push((await pollDriver(driver)).metrics.temperatureC!);
    }
    expect(readings[0]).to.be.within(66, 71);
    expect(readings[1]).to.equal(85);
    expect(readings[2]).to.equal(91);
    sim.clearFaults();
    expect((await pollDriver(driver)).metrics.temperatureC).to.be.below(60);
  });

  it('link loss fails running publishers and counts reconnections', async () => {
    sim.setOutput('ch1/pub0', 'active');
    sim.inject('link-loss');
    await clock.advance(12_000);
    const sample = await pollDriver(driver);
    expect(sample.outputs.find((o) => o.id === 'ch1/pub0')).to.include({ state: 'failed', raw: 'error' });
    expect(sample.outputs.find((o) => o.id === 'ch2/pub0')).to.include({ state: 'idle' });
    expect(sample.metrics.linkErrors).to.equal(3);
    sim.clearFaults();
    expect((await pollDriver(driver)).outputs.find((o) => o.id === 'ch1/pub0')?.state).to.equal('active');
  });

  it('dropped frames on SRT show as a degraded publisher', async () => {
    sim.setOutput('ch1/pub1', 'active');
    sim.inject('dropped-frames');
    await clock.advance(10_000);
    const srt = (await pollDriver(driver)).outputs.find((o) => o.id === 'ch1/pub1');
    expect(srt).to.include({ state: 'degraded', raw: 'started' });
  });

  it('reboot refuses connections, then answers 503 unavailable, then comes back with outputs stopped', async () => {
    sim.setOutput('rec1', 'active');
    sim.reboot();
    expect((await pollDriver(driver)).error?.code).to.equal('EM_DRIVER_UNREACHABLE');
    await clock.advance(10_000);
    const response = await fetch(`${sim.url}/api/v2.0/system/status`);
    expect(response.status).to.equal(503);
    expect(await response.json()).to.deep.equal({
      status: 'unavailable',
      message: 'The system is starting up',
    });
    await clock.advance(10_000);
    const back = await pollDriver(driver);
    expect(back.reachable).to.equal(true);
    expect(back.outputs.find((o) => o.id === 'rec1')?.state).to.equal('idle');
  });

  it('keeps a started recorder starting until its start delay has passed', async () => {
    const auth = `Basic ${Buffer.from('admin:pearl').toString('base64')}`;
    const post = await fetch(`${sim.url}/api/v2.0/recorders/1/control/start`, {
      method: 'POST',
      headers: { authorization: auth },
    });
    expect(await post.json()).to.deep.equal({ status: 'ok' });
    expect((await pollDriver(driver)).outputs.find((o) => o.id === 'rec1')?.raw).to.equal('starting');
    await clock.advance(1500);
    expect((await pollDriver(driver)).outputs.find((o) => o.id === 'rec1')?.raw).to.equal('started');
  });

  it('answers 401 with a Basic challenge without credentials', async () => {
    const response = await fetch(`${sim.url}/api/v2.0/recorders/status`);
    expect(response.status).to.equal(401);
    expect(response.headers.get('www-authenticate')).to.equal('Basic realm="Pearl"');
  });
});
