import { expect } from 'chai';
import type { CheckResult, EncoderSample } from '@encoder-manager/sdk';
import { checkNamed, last, noise, run, sample, series, T0, unreachable } from './helpers.js';

const EVERY = 5000;
const MIN = 60_000;
const temperature = (raw: unknown = {}) => checkNamed('temperature', raw);

/** Temperature samples every 5 s, built from seconds since T0. */
function temps(count: number, at: (sec: number, i: number) => number): EncoderSample[] {
  return series(count, EVERY, (i, sec) => ({ temperatureC: at(sec, i) }));
}

function statuses(results: (readonly CheckResult[])[]): string[] {
  return results.map((r) => r[0]?.status ?? 'none');
}

function firstWith(
  results: (readonly CheckResult[])[],
  status: string,
): { index: number; result: CheckResult } | undefined {
  const index = results.findIndex((r) => r[0]?.status === status);
  return index < 0 ? undefined : { index, result: results[index]![0]! };
}

describe('temperature check', () => {
  it('a steady encoder is ok and says steady, with value and labels', () => {
    const next = noise(1);
    const results = run(
      temperature(),
      temps(240, () => 52 + 0.3 * next()),
    );
    expect(statuses(results).every((s) => s === 'ok')).to.equal(true);
    const final = results.at(-1)![0]!;
    expect(final).to.include({ check: 'temperature', subject: 'enc-1', status: 'ok', threshold: 85 });
    expect(final.labels).to.deep.equal({ encoder: 'enc-1', family: 'simulated', site: 'city-hall' });
    expect(final.message).to.match(/^temperature 5\d\.\d °C, steady \(warning 75 °C, limit 85 °C\)$/);
    expect(final.at).to.equal(T0 + 239 * EVERY);
  });

  it('a slowly warming encoder (70 °C, +0.5 °C/min) turns critical 10 min before the 85 °C limit', () => {
    const results = run(
      temperature(),
      temps(30 * 12 + 1, (sec) => 70 + (0.5 * sec) / 60),
    );
    // Below 75 °C and more than 20 minutes from the limit: ok.
    expect(statuses(results.slice(0, 120)).every((s) => s === 'ok')).to.equal(true);
    // 75 °C after 10 min: the warning level. 20 min from the limit is beyond what 10 min of history may
    // predict (maxHorizonFactor 2 × 9.9 min), so the reading decides, and the message says where it heads.
    const warning = firstWith(results, 'warning')!;
    expect(warning.index).to.equal(120);
    expect(warning.result.message).to.equal(
      'temperature 75.0 °C rising 0.5 °C/min — above the 75 °C warning level (limit 85 °C)',
    );
    expect(results[126]![0]!.message).to.equal(
      'temperature 75.3 °C rising 0.5 °C/min — reaches the 85 °C limit in ~20 min (above the 75 °C warning level)',
    );
    const critical = firstWith(results, 'critical')!;
    const criticalAtMin = (critical.index * EVERY) / MIN;
    expect(criticalAtMin).to.be.closeTo(20, 5 / 60); // 80 °C, 10 minutes before the limit
    expect(critical.result.value).to.be.closeTo(80, 0.05);
    expect(critical.result.threshold).to.equal(85);
    expect(critical.result.message).to.equal(
      'temperature 80.0 °C rising 0.5 °C/min — reaches the 85 °C limit in ~10 min (above the 75 °C warning level)',
    );
    // Once critical it stays critical all the way to (and past) the limit.
    expect(statuses(results.slice(critical.index)).every((s) => s === 'critical')).to.equal(true);
    expect(results.at(-1)![0]!.message).to.equal(
      'temperature 85.0 °C rising 0.5 °C/min — at or above the 85 °C limit',
    );
  });

  it('predicts from the fitted line (predict_linear), not the raw reading, so ±1 °C sensor noise does not move the forecast much', () => {
    const next = noise(7);
    const results = run(
      temperature(),
      temps(30 * 12 + 1, (sec) => 70 + (0.5 * sec) / 60 + next()),
    );
    const critical = firstWith(results, 'critical')!;
    const atMin = (critical.index * EVERY) / MIN;
    expect(atMin).to.be.within(18, 21); // the exact line crosses "10 min left" at 20 min
    expect(critical.result.message).to.match(
      /rising 0\.\d °C\/min — reaches the 85 °C limit in ~(9|10|11) min/,
    );
  });

  it('a noisy but steady encoder near its warning level never predicts a crossing (4 h, OU drift + sensor noise)', () => {
    const walk = noise(42);
    const sensor = noise(43);
    let drift = 0;
    const samples = temps(4 * 720, () => {
      // Ornstein–Uhlenbeck: τ = 120 s, stationary sd 1.4 °C (what driver-simulated does), plus 0.5 °C sensor noise.
      const a = Math.exp(-5 / 120);
      drift = a * drift + 1.4 * Math.sqrt(1 - a * a) * walk();
      return 66 + drift + 0.5 * sensor();
    });
    const results = run(temperature(), samples);
    expect(statuses(results).filter((s) => s !== 'ok')).to.deep.equal([]);
  });

  it('a single glitch reading is judged as a reading (warning) but predicts nothing', () => {
    const next = noise(3);
    const samples = temps(120, (sec) => (sec === 595 ? 80 : 65 + 0.3 * next()));
    const final = last(temperature(), samples)[0]!;
    expect(final.status).to.equal('warning');
    expect(final.message).to.equal(
      'temperature 80.0 °C, steady — above the 75 °C warning level (limit 85 °C)',
    );
    expect(final.threshold).to.equal(75);
  });

  it('a cold encoder warming up after power-on is not extrapolated (below trend.aboveC)', () => {
    // 25 °C → 55 °C with a 6-minute time constant: fast at first, levelling off.
    const results = run(
      temperature(),
      temps(360, (sec) => 55 - 30 * Math.exp(-sec / 360)),
    );
    expect(statuses(results).every((s) => s === 'ok')).to.equal(true);
    expect(results[60]![0]!.message).to.match(
      /^temperature \d\d\.\d °C rising \d\.\d °C\/min \(warning 75 °C, limit 85 °C\)$/,
    );
  });

  it('an encoder climbing like the simulator overheat (+1.1 °C/s) is critical well before 85 °C', () => {
    const next = noise(5);
    const rampStart = 600; // seconds
    const samples = temps(130, (sec) =>
      sec < rampStart ? 52 + 0.2 * next() : Math.min(110, 52 + 1.1 * (sec - rampStart)),
    );
    const results = run(temperature(), samples);
    const critical = firstWith(results, 'critical')!;
    const criticalAt = (critical.index * EVERY) / 1000;
    expect(critical.result.value).to.be.below(75);
    expect(criticalAt - rampStart).to.be.at.most(20); // 85 °C is reached 30 s into the ramp
    expect(critical.result.message).to.match(
      /rising \d+\.\d °C\/min — reaches the 85 °C limit in under a minute/,
    );
  });

  it('AJA HELO integer readings rising 0.6 °C/min are predicted; flickering 55/56 °C is steady', () => {
    const rising = run(
      temperature(),
      temps(240, (sec) => Math.floor(70 + (0.6 * sec) / 60)),
    );
    const critical = firstWith(rising, 'critical')!;
    // 10 minutes before 85 °C is 79 °C; integer steps keep the forecast within a degree.
    expect(critical.result.value).to.be.within(78, 80);
    const flicker = run(
      temperature(),
      temps(240, (_sec, i) => (i % 3 === 0 ? 56 : 55)),
    );
    expect(statuses(flicker).every((s) => s === 'ok')).to.equal(true);
    expect(flicker.at(-1)![0]!.message).to.contain('steady');
  });

  it('a cooling encoder above its warning level is a warning and says falling', () => {
    const final = last(
      temperature(),
      temps(60, (sec) => 82 - sec / 60),
    )[0]!;
    expect(final.status).to.equal('warning');
    expect(final.message).to.equal(
      'temperature 77.1 °C falling 1.0 °C/min — above the 75 °C warning level (limit 85 °C)',
    );
  });

  it('an encoder with no temperature sensor (Matrox Monarch), or an unreachable one, gets no result', () => {
    const matrox = series(30, EVERY, (i) => sample(T0 + i * EVERY, {}));
    expect(run(temperature(), matrox).flat()).to.deep.equal([]);
    const gone = [...temps(20, () => 60), unreachable(T0 + 20 * EVERY)];
    expect(last(temperature(), gone)).to.deep.equal([]);
  });

  it('uses per-encoder limits (an Epiphan Pearl reports cputemp_threshold 70) and can turn the trend off', () => {
    const raw = {
      overrides: [
        { match: { labels: { family: 'epiphan-pearl' } }, temperature: { warningC: 65, criticalC: 70 } },
      ],
    };
    const samples = temps(3, () => 66);
    const pearl = { encoder: 'enc-1', family: 'epiphan-pearl' };
    expect(last(temperature(raw), samples, pearl)[0]).to.include({ status: 'warning', threshold: 65 });
    expect(last(temperature(raw), samples)[0]).to.include({ status: 'ok' });
    const noTrend = { temperature: { trend: { enabled: false } } };
    const warming = temps(241, (sec) => 70 + (0.5 * sec) / 60);
    expect(statuses(run(temperature(noTrend), warming)).includes('critical')).to.equal(false);
  });

  it('ignores samples newer than the one being checked (the check ran late)', () => {
    const samples = temps(40, (sec) => (sec < 150 ? 60 : 90));
    const current = samples[20]!;
    const results = temperature().evaluate({
      sample: current,
      history: samples,
      labels: { encoder: 'enc-1' },
    });
    expect(results[0]).to.include({ status: 'ok', at: current.at });
  });
});
