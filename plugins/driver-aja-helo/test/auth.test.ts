import { expect } from 'chai';
import { FakeClock, pollDriver } from '@encoder-manager/sdk/testing';
import { startAjaHeloSimulator, type AjaHeloSimulator } from '../src/index.js';
import { driverFor } from './helpers.js';

describe('HELO password login', () => {
  let sim: AjaHeloSimulator;
  afterEach(() => sim.close());

  it('logs in once and sends the session cookie on every request', async () => {
    sim = await startAjaHeloSimulator({ password: 'pw' });
    const driver = driverFor(sim.url, { password: 'pw' });
    expect((await pollDriver(driver)).reachable).to.equal(true);
    expect((await pollDriver(driver)).reachable).to.equal(true);
    const requests = sim.requests();
    expect(requests.filter((r) => r === 'POST /authenticator/login')).to.have.length(1);
    expect(requests.filter((r) => r.startsWith('GET /config'))).to.have.length(8);
    expect(sim.status().sessions).to.equal(1);
  });

  it('reports a wrong password as EM_DRIVER_AUTH with the device message', async () => {
    sim = await startAjaHeloSimulator({ password: 'pw' });
    const sample = await pollDriver(driverFor(sim.url, { password: 'nope' }));
    expect(sample.error?.code).to.equal('EM_DRIVER_AUTH');
    expect(sample.error?.message).to.contain('Login Failed - Passwords did not match');
  });

  it('says a password is needed when the device wants one and none is configured', async () => {
    sim = await startAjaHeloSimulator({ password: 'pw' });
    const sample = await pollDriver(driverFor(sim.url));
    expect(sample.error?.code).to.equal('EM_DRIVER_AUTH');
    expect(sample.error?.message).to.contain('answered 404').and.contain('login is required');
  });

  it('logs in again once after the session expired (404), without failing the poll', async () => {
    sim = await startAjaHeloSimulator({ password: 'pw' });
    const driver = driverFor(sim.url, { password: 'pw' });
    await pollDriver(driver);
    sim.expireSessions();
    const sample = await pollDriver(driver);
    expect(sample.reachable).to.equal(true);
    expect(sim.requests().filter((r) => r === 'POST /authenticator/login')).to.have.length(2);
  });

  it('answers 503 to the login while rebooting (unreachable, not an auth failure), then logs in again', async () => {
    const clock = new FakeClock();
    sim = await startAjaHeloSimulator({ password: 'pw', clock, rebootMs: 30_000 });
    const driver = driverFor(sim.url, { password: 'pw' });
    await pollDriver(driver);
    sim.reboot();
    const during = await pollDriver(driver);
    expect(during.error).to.deep.include({ code: 'EM_DRIVER_UNREACHABLE' });
    expect(during.error?.message).to.contain('rebooting (HTTP 503)');
    await clock.advance(30_000);
    expect(sim.status().sessions).to.equal(0); // a reboot drops every session
    expect((await pollDriver(driver)).reachable).to.equal(true);
  });
});
