import { expect } from 'chai';
import { FakeClock, outputOf, pollDriver } from '@encoder-manager/sdk/testing';
import { startAjaHeloSimulator, type AjaHeloSimulator } from '../src/index.js';
import { driverFor } from './helpers.js';

async function temperatureOver(sim: AjaHeloSimulator): Promise<number> {
  const reply = await fetch(`${sim.url}/config?action=get&paramid=eParamID_Temperature`);
  return Number(((await reply.json()) as { value: string }).value);
}

describe('HELO simulator faults', () => {
  let sim: AjaHeloSimulator;
  afterEach(() => sim.close());

  describe('overheating ramp', () => {
    it('rises at the given rate from the given start, on the simulator clock', async () => {
      const clock = new FakeClock();
      sim = await startAjaHeloSimulator({ clock, temperatureC: 42 });
      sim.startOverheat({ ratePerSec: 0.5, fromC: 60 });
      expect(await temperatureOver(sim)).to.equal(60);
      await clock.advance(20_000);
      expect(await temperatureOver(sim)).to.equal(70);
      const sample = await pollDriver(driverFor(sim.url));
      expect(sample.metrics.temperatureC).to.equal(70);
    });

    it('starts after a delay, stops at the ceiling, and cools back when stopped', async () => {
      const clock = new FakeClock();
      sim = await startAjaHeloSimulator({ clock, temperatureC: 45 });
      sim.startOverheat({ ratePerSec: 2, delayMs: 10_000, maxC: 90 });
      await clock.advance(9_000);
      expect(sim.temperature()).to.equal(45);
      await clock.advance(11_000); // 10 s into the ramp
      expect(sim.temperature()).to.equal(65);
      await clock.advance(60_000);
      expect(sim.temperature()).to.equal(90);
      sim.stopOverheat();
      expect(sim.temperature()).to.equal(45);
    });

    it('inject("overheat") uses the configured default rate; setTemperature holds a value', async () => {
      const clock = new FakeClock();
      sim = await startAjaHeloSimulator({ clock, overheatRatePerSec: 1 });
      sim.inject('overheat');
      await clock.advance(30_000);
      expect(sim.temperature()).to.equal(75);
      sim.clearFaults();
      sim.setTemperature(51.6);
      expect(await temperatureOver(sim)).to.equal(52); // the device reports whole degrees
    });
  });

  it('link loss fails a running stream and recovers when cleared; recording is untouched', async () => {
    sim = await startAjaHeloSimulator();
    sim.setOutput('stream', 'active');
    sim.setOutput('record', 'active');
    const driver = driverFor(sim.url);
    sim.inject('link-loss');
    const lost = await pollDriver(driver);
    expect(outputOf(lost, 'stream')).to.include({ state: 'failed', raw: 'eRRSFailingInStream' });
    expect(outputOf(lost, 'record')).to.include({ state: 'active', raw: 'eRRSRecording' });
    sim.clearFaults();
    expect(outputOf(await pollDriver(driver), 'stream')).to.include({
      state: 'active',
      raw: 'eRRSStreaming',
    });
  });

  it('reports free media as used percent', async () => {
    sim = await startAjaHeloSimulator({ mediaAvailablePct: 30 });
    expect((await pollDriver(driverFor(sim.url))).metrics).to.deep.equal({ temperatureC: 45, mediaPct: 70 });
    sim.setMediaAvailable(0);
    expect((await pollDriver(driverFor(sim.url))).metrics.mediaPct).to.equal(100);
    expect(() => sim.setMediaAvailable(120)).to.throw(RangeError, '0–100');
  });

  it('garbled, slow and unreachable each give their own error code', async () => {
    sim = await startAjaHeloSimulator({ slowMs: 3000 });
    const driver = driverFor(sim.url, { requestTimeoutMs: 500 });
    sim.inject('garbled');
    expect((await pollDriver(driver)).error?.code).to.equal('EM_DRIVER_PROTOCOL');
    sim.clearFaults();
    sim.inject('slow');
    const slow = await pollDriver(driver);
    expect(slow.error?.code).to.equal('EM_DRIVER_TIMEOUT'); // the 500 ms request timeout, not the poll's
    sim.clearFaults();
    sim.inject('unreachable');
    expect((await pollDriver(driver)).error?.code).to.equal('EM_DRIVER_UNREACHABLE');
  });

  it('refuses a dropped-frames fault: the HELO has no such counter', async () => {
    sim = await startAjaHeloSimulator();
    expect(() => sim.inject('dropped-frames')).to.throw('exposes no dropped-frame counter');
  });

  it('never declares or reports metrics the HELO does not expose', async () => {
    sim = await startAjaHeloSimulator();
    const driver = driverFor(sim.url);
    expect(driver.capabilities).to.deep.equal(['stream', 'record', 'temperature', 'reboot']);
    const sample = await pollDriver(driver);
    expect(Object.keys(sample.metrics).sort()).to.deep.equal(['mediaPct', 'temperatureC']);
    for (const output of sample.outputs) expect(output).to.not.have.property('bitrateKbps');
  });
});
