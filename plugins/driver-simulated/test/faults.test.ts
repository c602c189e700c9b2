import { expect } from 'chai';
import type { EncoderSample } from '@encoder-manager/sdk';
import { expectEmError } from '@encoder-manager/sdk/testing';
import { noAbort, output, startSim, type SimHarness } from './helpers.js';

describe('driver-simulated faults', () => {
  let sim: SimHarness | undefined;
  afterEach(async () => {
    await sim?.t.stop();
    sim = undefined;
  });

  /** Polls `id` every `stepMs` until `untilSec` after start; returns samples keyed by whole seconds since start. */
  async function pollEvery(h: SimHarness, id: string, stepMs: number, untilSec: number) {
    const start = h.clock.now();
    const bySec = new Map<number, EncoderSample>();
    while (h.clock.now() - start < untilSec * 1000) {
      const s = await h.pollAfter(id, stepMs);
      bySec.set(Math.round((s.at - start) / 1000), s);
    }
    return bySec;
  }

  const temp = (s: EncoderSample | undefined): number => s?.metrics.temperatureC ?? Number.NaN;

  it('overheat: climbs past 85 °C, ~1 °C per 10 s, then cools down after the window', async () => {
    sim = await startSim({
      encoders: 2,
      faults: [{ encoder: 'sim-1', kind: 'overheat', startAfterSec: 60, durationSec: 300 }],
    });
    const samples = await pollEvery(sim, 'sim-1', 5000, 1200);
    for (let sec = 5; sec <= 55; sec += 5) expect(temp(samples.get(sec)), `t=${sec}`).to.be.within(45, 60);
    // Reaches the threshold 30 s into the fault, then ramps.
    expect(temp(samples.get(90))).to.be.closeTo(85, 1);
    expect(temp(samples.get(190))).to.be.closeTo(95, 1);
    const slope = (temp(samples.get(300)) - temp(samples.get(150))) / 150;
    expect(slope).to.be.closeTo(0.1, 0.02);
    // Capped at 110 °C; still there at the end of the window.
    expect(temp(samples.get(355))).to.be.closeTo(110, 0.5);
    // Cools along the random walk, back in range within some minutes.
    expect(temp(samples.get(400))).to.be.lessThan(temp(samples.get(360)));
    for (let sec = 1000; sec <= 1200; sec += 5)
      expect(temp(samples.get(sec)), `t=${sec}`).to.be.within(45, 60);
    // Other encoders are untouched.
    const other = await sim.driver('sim-2').poll(noAbort());
    expect(other.metrics.temperatureC).to.be.within(45, 60);
    // Fault windows are logged as polls see them.
    const faultLogs = sim.t.logs.filter((r) => r.fields['fault'] === 'overheat').map((r) => r.msg);
    expect(faultLogs).to.deep.equal(['simulated fault started', 'simulated fault ended']);
  });

  it('link-loss: the stream output fails with RECONNECTING and 0 kbps, then recovers', async () => {
    sim = await startSim({
      encoders: 1,
      faults: [{ encoder: 'sim-1', kind: 'link-loss', startAfterSec: 10, durationSec: 30 }],
    });
    const before = await sim.pollAfter('sim-1', 5000);
    expect(output(before, 'stream')).to.include({ state: 'active', raw: 'STREAMING' });
    const during = await sim.pollAfter('sim-1', 10_000);
    expect(during.reachable).to.equal(true);
    expect(output(during, 'stream')).to.include({ state: 'failed', raw: 'RECONNECTING', bitrateKbps: 0 });
    expect(output(during, 'record')).to.include({ state: 'idle', raw: 'IDLE' });
    expect(during.metrics.temperatureC).to.be.a('number');
    const after = await sim.pollAfter('sim-1', 30_000);
    expect(output(after, 'stream')).to.include({ state: 'active', raw: 'STREAMING' });
    expect(output(after, 'stream').bitrateKbps).to.be.greaterThan(4000);
  });

  it('link-loss leaves a stopped stream idle', async () => {
    sim = await startSim({
      encoders: 1,
      faults: [{ encoder: 'sim-1', kind: 'link-loss', startAfterSec: 10 }],
    });
    await sim.driver('sim-1').control?.({ type: 'stop', outputId: 'stream' }, noAbort());
    const during = await sim.pollAfter('sim-1', 20_000);
    expect(output(during, 'stream')).to.include({ state: 'idle', raw: 'IDLE' });
  });

  it('dropped-frames: the counter rises fast and fps dips, then it calms down', async () => {
    sim = await startSim({
      encoders: 1,
      faults: [{ encoder: 'sim-1', kind: 'dropped-frames', startAfterSec: 60, durationSec: 120 }],
    });
    const samples = await pollEvery(sim, 'sim-1', 5000, 400);
    const dropped = (sec: number): number => samples.get(sec)?.metrics.droppedFrames ?? Number.NaN;
    expect(dropped(60) - dropped(5)).to.be.lessThan(10);
    const during = dropped(180) - dropped(60);
    expect(during).to.be.within(4 * 120 * 0.8, 4 * 120 * 1.2);
    expect(samples.get(120)?.metrics.fps).to.be.below(29);
    expect(dropped(400) - dropped(185)).to.be.lessThan(20);
    expect(samples.get(400)?.metrics.fps).to.be.closeTo(29.97, 0.05);
  });

  it('unreachable: polls say reachable false with EM_DRIVER_UNREACHABLE and nothing else', async () => {
    sim = await startSim({
      encoders: 1,
      faults: [{ encoder: 'sim-1', kind: 'unreachable', startAfterSec: 5, durationSec: 20 }],
    });
    const down = await sim.pollAfter('sim-1', 10_000);
    expect(down.reachable).to.equal(false);
    expect(down.error?.code).to.equal('EM_DRIVER_UNREACHABLE');
    expect(down.error?.message).to.contain('sim-1');
    expect(down.outputs).to.deep.equal([]);
    expect(down.metrics).to.deep.equal({});
    const driver = sim.driver('sim-1');
    await expectEmError(
      () => driver.control?.({ type: 'stop', outputId: 'stream' }, noAbort()),
      'EM_DRIVER_UNREACHABLE',
    );
    const up = await sim.pollAfter('sim-1', 15_000);
    expect(up.reachable).to.equal(true);
    expect(output(up, 'stream').state).to.equal('active');
  });

  it('slow-reply: a poll answers only after twice the poll interval', async () => {
    sim = await startSim({
      encoders: 1,
      pollIntervalMs: 1000,
      faults: [{ encoder: 'sim-1', kind: 'slow-reply' }],
    });
    const start = sim.clock.now();
    let done: EncoderSample | undefined;
    const pending = sim
      .driver('sim-1')
      .poll(noAbort())
      .then((s) => (done = s));
    await sim.clock.advance(1000);
    expect(done).to.equal(undefined);
    await sim.clock.advance(1000);
    await pending;
    expect(done?.reachable).to.equal(true);
    expect(done?.at).to.equal(start + 2000);
  });

  it('slow-reply: an aborted poll returns a timeout sample instead of throwing', async () => {
    sim = await startSim({
      encoders: 1,
      pollIntervalMs: 1000,
      faults: [{ encoder: 'sim-1', kind: 'slow-reply' }],
    });
    const controller = new AbortController();
    sim.clock.setTimer(() => controller.abort(new Error('poll timeout')), 1000);
    const pending = sim.driver('sim-1').poll(controller.signal);
    await sim.clock.advance(1000);
    const sample = await pending;
    expect(sample.reachable).to.equal(false);
    expect(sample.error?.code).to.equal('EM_DRIVER_TIMEOUT');
    expect(sample.outputs).to.deep.equal([]);
    expect(sim.clock.pendingTimers()).to.equal(0);
  });

  it('slow-reply: stopping the plugin ends a pending poll', async () => {
    sim = await startSim({ encoders: 1, faults: [{ encoder: 'sim-1', kind: 'slow-reply' }] });
    const pending = sim.driver('sim-1').poll(noAbort());
    await sim.t.stop();
    const sample = await pending;
    expect(sample.error?.code).to.equal('EM_DRIVER_TIMEOUT');
  });

  it('a fault without durationSec lasts; one with startAfterSec starts later', async () => {
    sim = await startSim({
      encoders: 1,
      faults: [{ encoder: 'sim-1', kind: 'unreachable', startAfterSec: 30 }],
    });
    expect((await sim.pollAfter('sim-1', 29_000)).reachable).to.equal(true);
    expect((await sim.pollAfter('sim-1', 1000)).reachable).to.equal(false);
    expect((await sim.pollAfter('sim-1', 86_400_000)).reachable).to.equal(false);
  });
});
