import { expect } from 'chai';
import type { ControlAction, ControlResult, EncoderDriver } from '@encoder-manager/sdk';
import { expectEmError } from '@encoder-manager/sdk/testing';
import { SIM } from '../src/index.js';
import { noAbort, output, startSim, type SimHarness } from './helpers.js';

describe('driver-simulated control', () => {
  let sim: SimHarness | undefined;
  afterEach(async () => {
    await sim?.t.stop();
    sim = undefined;
  });

  const control = (driver: EncoderDriver, action: ControlAction): Promise<ControlResult> => {
    if (!driver.control) throw new Error('driver has no control');
    return driver.control(action, noAbort());
  };

  it('stops and starts the stream, confirmed by the state read back', async () => {
    sim = await startSim({ encoders: 1 });
    const driver = sim.driver('sim-1');
    const stopped = await control(driver, { type: 'stop', outputId: 'stream' });
    expect(stopped).to.deep.equal({
      action: { type: 'stop', outputId: 'stream' },
      confirmed: true,
      state: 'idle',
      elapsedMs: 0,
    });
    const idle = await sim.pollAfter('sim-1', 5000);
    expect(output(idle, 'stream')).to.include({ state: 'idle', raw: 'IDLE', bitrateKbps: 0 });

    const started = await control(driver, { type: 'start', outputId: 'stream' });
    expect(started).to.include({ confirmed: true, state: 'active' });
    const live = await sim.pollAfter('sim-1', 5000);
    expect(output(live, 'stream')).to.include({ state: 'active', raw: 'STREAMING' });
    expect(output(live, 'stream').bitrateKbps).to.be.within(4275, 4725);
  });

  it('starts and stops the recording', async () => {
    sim = await startSim({ encoders: 1 });
    const driver = sim.driver('sim-1');
    expect(await control(driver, { type: 'start', outputId: 'record' })).to.include({
      confirmed: true,
      state: 'active',
    });
    const recording = await sim.pollAfter('sim-1', 5000);
    expect(output(recording, 'record')).to.include({ state: 'active', raw: 'RECORDING' });
    expect(output(recording, 'record').bitrateKbps).to.be.greaterThan(0);
    expect(await control(driver, { type: 'stop', outputId: 'record' })).to.include({
      confirmed: true,
      state: 'idle',
    });
  });

  it('resets dropped frames when the stream starts again', async () => {
    sim = await startSim({
      encoders: 1,
      faults: [{ encoder: 'sim-1', kind: 'dropped-frames', durationSec: 30 }],
    });
    const dropping = await sim.pollAfter('sim-1', 30_000);
    expect(dropping.metrics.droppedFrames).to.be.greaterThan(50);
    const driver = sim.driver('sim-1');
    await control(driver, { type: 'stop', outputId: 'stream' });
    await control(driver, { type: 'start', outputId: 'stream' });
    expect((await driver.poll(noAbort())).metrics.droppedFrames).to.equal(0);
  });

  it('does not confirm a start the device cannot honour (link loss)', async () => {
    sim = await startSim({ encoders: 1, faults: [{ encoder: 'sim-1', kind: 'link-loss' }] });
    const driver = sim.driver('sim-1');
    expect(await control(driver, { type: 'stop', outputId: 'stream' })).to.include({
      confirmed: true,
      state: 'idle',
    });
    expect(await control(driver, { type: 'start', outputId: 'stream' })).to.include({
      confirmed: false,
      state: 'failed',
    });
  });

  it('refuses unknown outputs and aborted requests', async () => {
    sim = await startSim({ encoders: 1 });
    const driver = sim.driver('sim-1');
    await expectEmError(control(driver, { type: 'start', outputId: 'hdmi' }), 'EM_DRIVER_UNSUPPORTED');
    const controller = new AbortController();
    controller.abort(new Error('gone'));
    try {
      await driver.control?.({ type: 'stop', outputId: 'stream' }, controller.signal);
      expect.fail('should reject');
    } catch (error) {
      expect((error as Error).message).to.equal('gone');
    }
    expect(output(await driver.poll(noAbort()), 'stream').state).to.equal('active');
  });

  it('reboots: unreachable for ~20 s, then back with every output idle and uptime reset', async () => {
    sim = await startSim({ encoders: 1 });
    const driver = sim.driver('sim-1');
    await control(driver, { type: 'start', outputId: 'record' });
    const before = await sim.pollAfter('sim-1', 5000);
    expect(before.metrics.uptimeSec).to.be.greaterThan(3600);

    const result = await control(driver, { type: 'reboot' });
    expect(result).to.deep.equal({ action: { type: 'reboot' }, confirmed: true, elapsedMs: 0 });
    expect(SIM.rebootMs).to.equal(20_000);

    const down = await sim.pollAfter('sim-1', 19_999);
    expect(down.reachable).to.equal(false);
    expect(down.error?.code).to.equal('EM_DRIVER_UNREACHABLE');
    expect(down.error?.message).to.contain('rebooting');
    await expectEmError(control(driver, { type: 'reboot' }), 'EM_DRIVER_UNREACHABLE');

    const back = await sim.pollAfter('sim-1', 1);
    expect(back.reachable).to.equal(true);
    expect(back.outputs.map((o) => [o.id, o.state, o.raw])).to.deep.equal([
      ['stream', 'idle', 'IDLE'],
      ['record', 'idle', 'IDLE'],
    ]);
    expect(back.metrics.uptimeSec).to.equal(0);
    expect(back.metrics.droppedFrames).to.equal(0);
    const later = await sim.pollAfter('sim-1', 60_000);
    expect(later.metrics.uptimeSec).to.equal(60);
    expect(await control(driver, { type: 'start', outputId: 'stream' })).to.include({ confirmed: true });
  });
});
