import { expect } from 'chai';
import { controlDriver, emErrorOf, outputOf, pollDriver } from '@encoder-manager/sdk/testing';
import { startAjaHeloSimulator, type AjaHeloSimulator } from '../src/index.js';
import { driverFor } from './helpers.js';

describe('HELO control', () => {
  let sim: AjaHeloSimulator;
  afterEach(() => sim.close());

  for (const [outputId, command, readBack] of [
    ['record', 1, 'eRRSRecording'],
    ['stream', 3, 'eRRSStreaming'],
  ] as const) {
    it(`start ${outputId} sends ReplicatorCommand ${command} and waits for ${readBack}`, async () => {
      sim = await startAjaHeloSimulator({ transitionMs: 400 });
      const driver = driverFor(sim.url);
      const result = await controlDriver(driver, { type: 'start', outputId });
      expect(result).to.include({ confirmed: true, state: 'active' });
      // The command reply comes at once; only the read-back after the transition confirms it.
      expect(result.elapsedMs).to.be.at.least(400);
      expect(sim.requests()).to.include(
        `GET /config?action=set&paramid=eParamID_ReplicatorCommand&value=${command}`,
      );
      expect(outputOf(await pollDriver(driver), outputId).raw).to.equal(readBack);
      const stopped = await controlDriver(driver, { type: 'stop', outputId });
      expect(stopped).to.include({ confirmed: true, state: 'idle' });
      expect(sim.requests()).to.include(
        `GET /config?action=set&paramid=eParamID_ReplicatorCommand&value=${command + 1}`,
      );
    });
  }

  it('is not confirmed when the stream goes to eRRSFailingInStream (uplink down)', async () => {
    sim = await startAjaHeloSimulator({ transitionMs: 50 });
    sim.inject('link-loss');
    const result = await controlDriver(driverFor(sim.url, { controlDeadlineMs: 600 }), {
      type: 'start',
      outputId: 'stream',
    });
    expect(result).to.include({ confirmed: false, state: 'failed' });
  });

  it('refuses outputs that have no command, naming what to use instead', async () => {
    sim = await startAjaHeloSimulator({ model: 'helo-plus' });
    const plus = driverFor(sim.url, { model: 'helo-plus' });
    const subStream = await emErrorOf(controlDriver(plus, { type: 'start', outputId: 'stream2' }));
    expect(subStream).to.include({ code: 'EM_DRIVER_UNSUPPORTED' });
    expect(subStream.message).to.contain('ReplicatorCommand starts and stops streaming as a whole');
    const unknown = await emErrorOf(controlDriver(driverFor(sim.url), { type: 'stop', outputId: 'srt' }));
    expect(unknown.message).to.equal('a HELO has no output "srt"');
    expect(sim.requests().some((r) => r.includes('action=set'))).to.equal(false);
  });

  it('throws EM_DRIVER_UNREACHABLE when the device cannot be reached', async () => {
    sim = await startAjaHeloSimulator();
    sim.inject('unreachable');
    const error = await emErrorOf(controlDriver(driverFor(sim.url), { type: 'start', outputId: 'stream' }));
    expect(error.code).to.equal('EM_DRIVER_UNREACHABLE');
  });

  it('reboots with eParamID_Reboot=1&configid=0, confirmed when the HELO answers 503', async () => {
    sim = await startAjaHeloSimulator({ rebootMs: 1500 });
    sim.setOutput('stream', 'active');
    const driver = driverFor(sim.url);
    const result = await controlDriver(driver, { type: 'reboot' });
    expect(result.confirmed).to.equal(true);
    expect(sim.requests()).to.include('GET /config?action=set&paramid=eParamID_Reboot&value=1&configid=0');
    expect((await pollDriver(driver)).error?.message).to.contain('rebooting (HTTP 503)');
    await new Promise((resolve) => setTimeout(resolve, 1600));
    const after = await pollDriver(driver);
    expect(outputOf(after, 'stream')).to.include({ state: 'idle', raw: 'eRRSIdle' });
  });

  it('does not confirm a reboot the device ignored', async () => {
    sim = await startAjaHeloSimulator();
    // The write is accepted but the HELO keeps answering, so the driver must say "not confirmed".
    sim.inject('ignore-commands');
    const result = await controlDriver(driverFor(sim.url, { controlDeadlineMs: 600 }), { type: 'reboot' });
    expect(result.confirmed).to.equal(false);
    expect(result.elapsedMs).to.be.at.least(600);
  });
});
