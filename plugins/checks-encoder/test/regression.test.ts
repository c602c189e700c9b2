import { expect } from 'chai';
import { fitLine, minutesUntil, slopeSigmas } from '../src/index.js';

const T = Date.UTC(2025, 0, 1); // epoch ms: large numbers, as in real samples
const pointsOf = (values: readonly number[], everyMs = 5000) =>
  values.map((value, i) => ({ at: T + i * everyMs, value }));

describe('least-squares fit (predict_linear / timeleft)', () => {
  it('recovers an exact line from epoch-millisecond times without precision loss', () => {
    const fit = fitLine(pointsOf([70, 70.5, 71, 71.5, 72], 60_000))!;
    expect(fit.slopePerMin).to.be.closeTo(0.5, 1e-9);
    expect(fit.valueAt(T + 4 * 60_000)).to.be.closeTo(72, 1e-9);
    expect(fit.slopeStdErr).to.be.closeTo(0, 1e-9);
    expect(slopeSigmas(fit)).to.equal(Number.POSITIVE_INFINITY);
    expect(minutesUntil(fit, 85, T + 4 * 60_000)).to.be.closeTo(26, 1e-9);
  });

  it('matches a textbook regression with noise (slope, standard error)', () => {
    // x = 0..4 min, y = 1, 3, 2, 5, 4: slope 0.8, intercept 1.4, SSR 3.6, se = sqrt(3.6/3/10) ≈ 0.3464
    const fit = fitLine(pointsOf([1, 3, 2, 5, 4], 60_000))!;
    expect(fit.slopePerMin).to.be.closeTo(0.8, 1e-12);
    expect(fit.valueAt(T)).to.be.closeTo(1.4, 1e-12);
    expect(fit.slopeStdErr).to.be.closeTo(Math.sqrt(3.6 / 3 / 10), 1e-12);
    expect(slopeSigmas(fit)).to.be.closeTo(0.8 / Math.sqrt(0.12), 1e-9);
  });

  it('is undefined for one point or points at one time; a falling or flat line never reaches the limit', () => {
    expect(fitLine(pointsOf([1]))).to.equal(undefined);
    expect(
      fitLine([
        { at: T, value: 1 },
        { at: T, value: 2 },
      ]),
    ).to.equal(undefined);
    const falling = fitLine(pointsOf([80, 79, 78]))!;
    expect(minutesUntil(falling, 85, T)).to.equal(undefined);
    expect(slopeSigmas(falling)).to.equal(Number.NEGATIVE_INFINITY);
    const flat = fitLine(pointsOf([60, 60, 60]))!;
    expect(minutesUntil(flat, 85, T)).to.equal(undefined);
    expect(slopeSigmas(flat)).to.equal(0);
  });

  it('says 0 minutes when the fitted line is already past the limit', () => {
    expect(minutesUntil(fitLine(pointsOf([84, 85, 86], 60_000))!, 85, T + 120_000)).to.equal(0);
  });
});
