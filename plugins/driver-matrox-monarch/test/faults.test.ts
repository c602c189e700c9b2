import { expect } from 'chai';
import { FakeClock, outputOf, pollDriver } from '@encoder-manager/sdk/testing';
import { startMatroxMonarchSimulator, type MatroxMonarchSimulator } from '../src/index.js';
import { driverFor } from './helpers.js';

describe('Monarch simulator faults and driver errors', () => {
  let sim: MatroxMonarchSimulator;
  afterEach(() => sim.close());

  it('garbled, slow and unreachable each give their own error code', async () => {
    sim = await startMatroxMonarchSimulator({ slowMs: 3000 });
    const driver = driverFor(sim.url, { requestTimeoutMs: 400 });
    sim.inject('garbled');
    expect((await pollDriver(driver)).error?.code).to.equal('EM_DRIVER_PROTOCOL');
    sim.clearFaults();
    sim.inject('slow');
    expect((await pollDriver(driver)).error?.code).to.equal('EM_DRIVER_TIMEOUT');
    sim.clearFaults();
    sim.inject('unreachable');
    expect((await pollDriver(driver)).error?.code).to.equal('EM_DRIVER_UNREACHABLE');
    sim.clearFaults();
    expect((await pollDriver(driver)).reachable).to.equal(true);
  });

  it('link loss drops a live RTMP stream to READY (no failure state in GetStatus); recording goes on', async () => {
    sim = await startMatroxMonarchSimulator();
    sim.setOutput('stream', 'active');
    sim.setOutput('record', 'active');
    sim.inject('link-loss');
    const sample = await pollDriver(driverFor(sim.url));
    expect(outputOf(sample, 'stream')).to.include({ state: 'idle', raw: 'RTMP,READY' });
    expect(outputOf(sample, 'record')).to.include({ state: 'active', raw: 'ON' });
  });

  it('a power cycle drops connections for its duration, then every output is idle', async () => {
    const clock = new FakeClock();
    sim = await startMatroxMonarchSimulator({ clock, statusMs: 0 });
    sim.setOutput('stream', 'active');
    sim.powerCycle(60_000);
    const driver = driverFor(sim.url);
    expect((await pollDriver(driver)).error?.code).to.equal('EM_DRIVER_UNREACHABLE');
    await clock.advance(60_000);
    expect(outputOf(await pollDriver(driver), 'stream').state).to.equal('idle');
  });

  it('wrong credentials are EM_DRIVER_AUTH (HTTP 401 with a Basic challenge)', async () => {
    sim = await startMatroxMonarchSimulator({ username: 'operator', password: 'pw' });
    const sample = await pollDriver(driverFor(sim.url, { username: 'operator', password: 'admin' }));
    expect(sample.error).to.deep.include({ code: 'EM_DRIVER_AUTH' });
    const reply = await fetch(`${sim.url}/Monarch/syncconnect/sdk.aspx?command=GetStatus`);
    expect(reply.headers.get('www-authenticate')).to.equal('Basic realm="Monarch"');
  });

  it('names the variant to set when the path or the status layout does not match', async () => {
    sim = await startMatroxMonarchSimulator({ variant: 'hdx' });
    const wrongPath = await pollDriver(driverFor(sim.url, { variant: 'nvs30' }));
    expect(wrongPath.error).to.deep.include({ code: 'EM_DRIVER_PROTOCOL' });
    expect(wrongPath.error?.message).to.contain('has no SDK page for GetStatus (HTTP 404)');
    const wrongLayout = await pollDriver(driverFor(sim.url, { variant: 'hd' }));
    expect(wrongLayout.error?.message).to.contain('answers GetStatus in the HDX layout, but variant is hd');
  });

  it('refuses faults a Monarch cannot show: temperature, dropped frames, session expiry', async () => {
    sim = await startMatroxMonarchSimulator();
    expect(() => sim.inject('overheat')).to.throw('exposes no temperature');
    expect(() => sim.inject('dropped-frames')).to.throw('exposes no dropped-frame counter');
    expect(() => sim.inject('auth-expiry')).to.throw('there is no session to expire');
  });

  it('declares only stream and record, and reports no metrics', async () => {
    sim = await startMatroxMonarchSimulator();
    const driver = driverFor(sim.url);
    expect(driver.capabilities).to.deep.equal(['stream', 'record']);
    expect((await pollDriver(driver)).metrics).to.deep.equal({});
  });
});
