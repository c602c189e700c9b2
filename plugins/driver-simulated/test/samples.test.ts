import { expect } from 'chai';
import type { EncoderSample } from '@encoder-manager/sdk';
import { noAbort, output, startSim, type SimHarness } from './helpers.js';

describe('driver-simulated samples', () => {
  let sim: SimHarness | undefined;
  afterEach(async () => {
    await sim?.t.stop();
    sim = undefined;
  });

  it('has the expected shape', async () => {
    sim = await startSim({ encoders: 1 });
    const sample = await sim.driver('sim-1').poll(noAbort());
    expect(sample.encoderId).to.equal('sim-1');
    expect(sample.at).to.equal(sim.clock.now());
    expect(sample.reachable).to.equal(true);
    expect(sample).to.not.have.property('error');
    expect(sample.outputs.map((o) => [o.id, o.kind, o.state, o.raw])).to.deep.equal([
      ['stream', 'stream', 'active', 'STREAMING'],
      ['record', 'record', 'idle', 'IDLE'],
    ]);
    expect(output(sample, 'stream').destination).to.equal('rtmp://127.0.0.1/live/sim-1');
    expect(output(sample, 'record').destination).to.be.a('string');
    expect(sample.metrics).to.have.all.keys(
      'temperatureC',
      'cpuPct',
      'droppedFrames',
      'fps',
      'inputSignal',
      'uptimeSec',
    );
  });

  it('stays within realistic ranges and keeps moving over 1000 polls', async () => {
    sim = await startSim({ encoders: 3 });
    for (const driver of sim.drivers) {
      const samples: EncoderSample[] = [];
      for (let i = 0; i < 1000; i++) samples.push(await sim.pollAfter(driver.id, 5000));
      let lastDropped = 0;
      let lastUptime = 0;
      let maxStep = 0;
      for (const [i, s] of samples.entries()) {
        const m = s.metrics;
        expect(s.reachable).to.equal(true);
        expect(m.temperatureC).to.be.within(45, 60);
        expect(m.cpuPct).to.be.within(20, 60);
        expect(m.fps).to.be.within(29.9, 30.04);
        expect(m.inputSignal).to.equal(true);
        expect(output(s, 'stream').bitrateKbps).to.be.within(4275, 4725);
        expect(m.droppedFrames).to.be.at.least(lastDropped);
        expect(m.uptimeSec).to.be.greaterThan(lastUptime);
        lastDropped = m.droppedFrames ?? 0;
        lastUptime = m.uptimeSec ?? 0;
        const prev = samples[i - 1];
        if (prev)
          maxStep = Math.max(maxStep, Math.abs((m.temperatureC ?? 0) - (prev.metrics.temperatureC ?? 0)));
      }
      // A random walk, not white noise: 5 s apart the temperature moves by well under a degree or two.
      expect(maxStep, `${driver.id} temperature step`).to.be.lessThan(2.5);
      const temps = new Set(samples.map((s) => s.metrics.temperatureC));
      const bitrates = new Set(samples.map((s) => output(s, 'stream').bitrateKbps));
      expect(temps.size, 'temperature changes').to.be.greaterThan(20);
      expect(bitrates.size, 'bitrate changes').to.be.greaterThan(50);
      // Rare: at most a few dozen frames over 83 simulated minutes.
      expect(lastDropped, 'dropped frames').to.be.lessThan(100);
    }
  });

  it('is deterministic for the same seed and poll times', async () => {
    const run = async (seed: number): Promise<EncoderSample[]> => {
      const h = await startSim({ encoders: 2, seed });
      try {
        const out: EncoderSample[] = [];
        for (let i = 0; i < 50; i++) {
          out.push(await h.pollAfter('sim-1', 5000));
          out.push(await h.driver('sim-2').poll(noAbort()));
        }
        return out;
      } finally {
        await h.t.stop();
      }
    };
    const a = await run(7);
    const b = await run(7);
    const c = await run(8);
    expect(b).to.deep.equal(a);
    expect(c).to.not.deep.equal(a);
  });

  it('gives each encoder its own walk', async () => {
    sim = await startSim({ encoders: 2 });
    await sim.clock.advance(5000);
    const one = await sim.driver('sim-1').poll(noAbort());
    const two = await sim.driver('sim-2').poll(noAbort());
    expect(one.metrics).to.not.deep.equal(two.metrics);
  });

  it('returns the same reading for repeated polls at the same instant', async () => {
    sim = await startSim({ encoders: 1 });
    const first = await sim.pollAfter('sim-1', 5000);
    const second = await sim.driver('sim-1').poll(noAbort());
    expect(second).to.deep.equal(first);
  });

  it('reads the time only from the context clock', async () => {
    sim = await startSim({ encoders: 1 });
    const start = sim.clock.now();
    const later = await sim.pollAfter('sim-1', 3_600_000);
    expect(later.at).to.equal(start + 3_600_000);
    expect(later.metrics.temperatureC).to.be.within(45, 60);
  });
});
