import { expect } from 'chai';
import { EmError, encoderDriversRef } from '@encoder-manager/sdk';
import { createTestContext, expectEmError } from '@encoder-manager/sdk/testing';
import driverSimulatedPlugin, {
  driverSimulatedPlugin as named,
  SIMULATED_CAPABILITIES,
} from '../src/index.js';
import { defaultedConfig, startSim, type SimHarness } from './helpers.js';

describe('driver-simulated plugin', () => {
  let sim: SimHarness | undefined;
  afterEach(async () => {
    await sim?.t.stop();
    sim = undefined;
  });

  it('exports the definition as default and named export', () => {
    expect(driverSimulatedPlugin).to.equal(named);
    expect(driverSimulatedPlugin).to.include({
      name: 'driver-simulated',
      version: '0.1.0',
      sdk: '^1.0.0',
      kind: 'driver',
    });
    expect(driverSimulatedPlugin.description).to.be.a('string');
  });

  it('provides three encoders by default and logs how many', async () => {
    sim = await startSim();
    expect(sim.drivers.map((d) => d.id)).to.deep.equal(['sim-1', 'sim-2', 'sim-3']);
    expect(sim.t.provided.get(encoderDriversRef.id)).to.have.length(3);
    for (const driver of sim.drivers) {
      expect(driver.family).to.equal('simulated');
      expect(driver.model).to.equal('SimEncoder HD');
      expect(driver.labels).to.deep.equal({ simulated: 'true' });
      expect(driver.pollIntervalMs).to.equal(5000);
      expect(driver.capabilities).to.have.members([
        'stream',
        'record',
        'temperature',
        'cpu',
        'droppedFrames',
        'bitrate',
        'inputSignal',
        'reboot',
      ]);
      expect(driver.control).to.be.a('function');
    }
    const info = sim.t.logs.filter((r) => r.level === 'info' && r.msg === 'created 3 simulated encoders');
    expect(info).to.have.length(1);
    expect(info[0]?.fields).to.include({ encoders: 3, plugin: 'driver-simulated' });
  });

  it('honours an explicit encoder list', async () => {
    sim = await startSim({
      pollIntervalMs: 2000,
      encoders: [
        { id: 'studio-a', model: 'Helo Sim', labels: { room: 'a' }, profile: 'uhd' },
        { id: 'studio-b', pollIntervalMs: 500, profile: 'sd' },
      ],
    });
    const a = sim.driver('studio-a');
    const b = sim.driver('studio-b');
    expect(a).to.include({ model: 'Helo Sim', pollIntervalMs: 2000 });
    expect(a.labels).to.deep.equal({ simulated: 'true', room: 'a' });
    expect(b).to.include({ model: 'SimEncoder SD', pollIntervalMs: 500 });
    const sampleA = await a.poll(new AbortController().signal);
    const sampleB = await b.poll(new AbortController().signal);
    expect(sampleA.outputs[0]?.bitrateKbps).to.be.within(15200, 16800);
    expect(sampleB.outputs[0]?.bitrateKbps).to.be.within(1425, 1575);
    expect(sampleA.outputs[0]?.destination).to.equal('rtmp://127.0.0.1/live/studio-a');
  });

  it('refuses duplicate ids and faults on unknown encoders', async () => {
    const t = createTestContext({ name: 'driver-simulated' });
    try {
      const dup = defaultedConfig({ encoders: [{ id: 'a' }, { id: 'a' }] });
      expect(() => driverSimulatedPlugin.setup(t.ctx, dup)).to.throw(EmError, /duplicate encoder id "a"/);
      const unknown = defaultedConfig({ encoders: 2, faults: [{ encoder: 'sim-9', kind: 'overheat' }] });
      const error = await expectEmError(
        () => driverSimulatedPlugin.setup(t.ctx, unknown),
        'EM_CONFIG_INVALID',
      );
      expect(error.hint).to.contain('sim-1, sim-2');
      expect(t.provided.size).to.equal(0);
    } finally {
      await t.stop();
    }
  });

  it('lists the capabilities it reports', () => {
    expect(SIMULATED_CAPABILITIES).to.not.include('pushEvents');
  });
});
