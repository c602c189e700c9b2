import { expect } from 'chai';
import {
  encoderDriversRef,
  type CheckResult,
  type EncoderDriver,
  type EncoderSample,
} from '@encoder-manager/sdk';
import { createTestContext, type FakeClock, type TestContext } from '@encoder-manager/sdk/testing';
import driverSimulatedPlugin from '@encoder-manager/plugin-driver-simulated';
import { createChecks, SettingsResolver } from '../src/index.js';
import { defaultedConfig, HISTORY_SIZE } from './helpers.js';

const POLL_MS = 5000;

/** The simulator's virtual encoders on a FakeClock, polled the way the core polls them, every check run on each sample. */
class SimulatedStation {
  readonly results: CheckResult[] = [];
  readonly samples = new Map<string, EncoderSample[]>();
  readonly #checks = createChecks(new SettingsResolver(defaultedConfig(CHECKS_CONFIG)));

  private constructor(
    readonly t: TestContext<FakeClock>,
    readonly drivers: readonly EncoderDriver[],
  ) {}

  static async start(faults: readonly object[]): Promise<SimulatedStation> {
    const t = createTestContext({ name: 'driver-simulated' });
    const encoders = [
      { id: 'steady-hd', profile: 'hd', labels: { site: 'city-hall' } },
      { id: 'steady-uhd', profile: 'uhd', labels: { site: 'city-hall' } },
      { id: 'steady-sd', profile: 'sd', labels: { site: 'annex' } },
      { id: 'faulty', profile: 'hd', labels: { site: 'annex' } },
    ];
    await driverSimulatedPlugin.setup(t.ctx, {
      encoders,
      pollIntervalMs: POLL_MS,
      seed: 2025,
      faults: [...faults],
    } as never);
    return new SimulatedStation(t, t.ctx.useAll(encoderDriversRef));
  }

  /** Advances the clock poll by poll for `seconds`, checking every sample. */
  async runFor(seconds: number): Promise<void> {
    for (let elapsed = 0; elapsed < seconds * 1000; elapsed += POLL_MS) {
      await this.t.clock.advance(POLL_MS);
      for (const driver of this.drivers) await this.#pollAndCheck(driver);
    }
  }

  problems(encoder: string): CheckResult[] {
    return this.results.filter((r) => r.labels.encoder === encoder && r.status !== 'ok');
  }

  async #pollAndCheck(driver: EncoderDriver): Promise<void> {
    const sample = await driver.poll(new AbortController().signal);
    const history = [...(this.samples.get(driver.id) ?? []), sample].slice(-HISTORY_SIZE);
    this.samples.set(driver.id, history);
    const labels = { ...driver.labels, encoder: driver.id, family: driver.family };
    for (const check of this.#checks) this.results.push(...check.evaluate({ sample, history, labels }));
  }
}

/** Expected rates per profile, as a station would configure them, and the simulated stream always on air. */
const CHECKS_CONFIG = {
  outputs: { expectActive: ['stream'] },
  fps: { expectedFps: 29.97 },
  bitrate: { expectedKbps: { stream: 4500 } },
  overrides: [
    { match: { encoders: ['steady-uhd'] }, bitrate: { expectedKbps: { stream: 16000 } } },
    { match: { encoders: ['steady-sd'] }, bitrate: { expectedKbps: { stream: 1500 } } },
  ],
};

describe('checks on the simulated encoders (driver-simulated model, FakeClock)', function () {
  this.timeout(60_000);
  let station: SimulatedStation | undefined;
  afterEach(async () => station?.t.stop());

  it('three steady encoders give no warning or critical from any check in 2 simulated hours', async () => {
    station = await SimulatedStation.start([]);
    await station.runFor(2 * 3600);
    const checked = new Set(station.results.map((r) => r.check));
    expect([...checked].sort()).to.deep.equal([
      'bitrate',
      'cpu',
      'dropped-frames',
      'fps',
      'output-state',
      'reachability',
      'temperature',
    ]);
    for (const id of ['steady-hd', 'steady-uhd', 'steady-sd'])
      expect(station.problems(id), id).to.deep.equal([]);
  });

  it('an overheating encoder is critical before it reaches 85 °C', async () => {
    station = await SimulatedStation.start([{ encoder: 'faulty', kind: 'overheat', startAfterSec: 1800 }]);
    await station.runFor(1800 + 60);
    const critical = station
      .problems('faulty')
      .find((r) => r.check === 'temperature' && r.status === 'critical')!;
    const samples = station.samples.get('faulty')!;
    const reached85 = samples.find((s) => (s.metrics.temperatureC ?? 0) >= 85)!;
    console.log(
      `      overheat: critical at ${critical.value} °C, ${(reached85.at - critical.at) / 1000} s before 85 °C — ${critical.message}`,
    );
    expect(critical.value).to.be.below(85);
    expect(critical.at).to.be.below(reached85.at);
    expect(critical.message).to.match(/rising \d+\.\d °C\/min — reaches the 85 °C limit in under a minute/);
    expect(station.problems('steady-hd')).to.deep.equal([]);
  });

  for (const { kind, check, status } of [
    { kind: 'link-loss', check: 'output-state', status: 'critical' },
    { kind: 'unreachable', check: 'reachability', status: 'critical' },
    { kind: 'dropped-frames', check: 'dropped-frames', status: 'critical' },
    { kind: 'dropped-frames', check: 'fps', status: 'warning' },
  ]) {
    it(`a ${kind} fault makes ${check} ${status} within a minute, ok again after it, nothing elsewhere`, async () => {
      station = await SimulatedStation.start([
        { encoder: 'faulty', kind, startAfterSec: 600, durationSec: 120 },
      ]);
      const faultAt = station.t.clock.now() + 600_000;
      await station.runFor(900);
      const hits = station.problems('faulty').filter((r) => r.check === check);
      expect(hits.map((r) => r.status)).to.include(status);
      expect(hits[0]!.at - faultAt).to.be.within(0, 60_000);
      const latest = station.results.filter((r) => r.labels.encoder === 'faulty' && r.check === check).at(-1);
      expect(latest?.status).to.equal('ok');
      expect(station.problems('steady-hd')).to.deep.equal([]);
    });
  }
});
