import { expect } from 'chai';
import { counterIncrease } from '../src/index.js';
import { checkNamed, last, run, sample, series, T0, unreachable } from './helpers.js';

const EVERY = 5000;

describe('counter checks', () => {
  describe('counterIncrease (Prometheus increase())', () => {
    const points = (...values: number[]) => values.map((value, i) => ({ at: i * 1000, value }));

    for (const { name, values, increase, resets } of [
      { name: 'steady counter', values: [10, 10, 10], increase: 0, resets: 0 },
      { name: 'rising counter', values: [10, 14, 20], increase: 10, resets: 0 },
      { name: 'reset to zero after a reboot', values: [500, 510, 0, 12], increase: 22, resets: 1 },
      { name: 'reset straight to a small count', values: [500, 3, 7], increase: 7, resets: 1 },
      { name: 'two resets', values: [40, 0, 5, 2, 9], increase: 14, resets: 2 },
    ]) {
      it(name, () => expect(counterIncrease(points(...values))).to.deep.equal({ increase, resets }));
    }
  });

  describe('dropped-frames', () => {
    const dropped = (raw: unknown = {}) => checkNamed('dropped-frames', raw);

    it('a healthy encoder with a rare small burst stays ok', () => {
      // 8 frames once in 10 minutes (the simulator's background bursts are 1–8 frames every ~15 min).
      const samples = series(120, EVERY, (i) => ({ droppedFrames: i < 60 ? 3 : 11, fps: 29.97 }));
      const results = run(dropped(), samples).flat();
      expect(results.every((r) => r.status === 'ok')).to.equal(true);
      expect(results.find((r) => r.value === 8)?.message).to.equal(
        'dropping 8.0 frames/min (0.4 % of 29.97 fps) — 8 frames in the last 60 s; warning at 30/min',
      );
    });

    it('4 frames/s is critical, with the rate, share of fps and thresholds in words', () => {
      const samples = series(30, EVERY, (i) => ({ droppedFrames: 100 + 20 * i, fps: 26.1 }));
      const result = last(dropped(), samples)[0]!;
      expect(result).to.include({
        check: 'dropped-frames',
        subject: 'enc-1',
        status: 'critical',
        value: 240,
        threshold: 120,
      });
      expect(result.message).to.equal(
        'dropping 240.0 frames/min (15.3 % of 26.10 fps) — 240 frames in the last 60 s; critical at 120/min',
      );
      expect(result.labels).to.include({ encoder: 'enc-1' });
    });

    it('1 frame/s is a warning', () => {
      const samples = series(30, EVERY, (i) => ({ droppedFrames: 5 * i }));
      expect(last(dropped(), samples)[0]).to.include({ status: 'warning', value: 60, threshold: 30 });
    });

    it('a counter reset after a reboot is counted from zero, never a negative rate or a false alarm', () => {
      // 5000 dropped frames accumulated over days, then the encoder reboots (unreachable 20 s) and counts from 0.
      const samples = [
        ...series(12, EVERY, () => ({ droppedFrames: 5000 })),
        unreachable(T0 + 12 * EVERY),
        unreachable(T0 + 13 * EVERY),
        unreachable(T0 + 14 * EVERY),
        ...series(12, EVERY, (i) => sample(T0 + (15 + i) * EVERY, { droppedFrames: i < 3 ? 0 : 2 })),
      ];
      const results = run(dropped(), samples).flat();
      expect(results.every((r) => r.status === 'ok')).to.equal(true);
      expect(results.map((r) => r.value).every((v) => v !== undefined && v >= 0)).to.equal(true);
      const across = results.find((r) => r.message.includes('restarted'));
      expect(across?.message).to.equal(
        'dropping 0.0 frames/min — 0 frames in the last 60 s; the counter restarted (encoder or output restart); warning at 30/min',
      );
    });

    it('waits for minSpanSec of readings before judging a rate (a start-up burst is not a rate)', () => {
      const samples = series(5, EVERY, (i) => ({ droppedFrames: i === 0 ? 0 : 15 }));
      expect(run(dropped(), samples).flat()).to.deep.equal([]); // 20 s < minSpanSec 30
    });

    it('encoders that do not report dropped frames (AJA HELO, Matrox Monarch) get no result', () => {
      const aja = series(40, EVERY, () => ({ temperatureC: 55, mediaPct: 40 }));
      expect(run(dropped(), aja).flat()).to.deep.equal([]);
    });

    it('can be turned off per encoder', () => {
      const raw = { overrides: [{ match: { encoders: ['enc-1'] }, droppedFrames: { enabled: false } }] };
      const samples = series(30, EVERY, (i) => ({ droppedFrames: 100 * i }));
      expect(run(dropped(raw), samples).flat()).to.deep.equal([]);
    });
  });

  describe('link-errors', () => {
    const linkErrors = (raw: unknown = {}) => checkNamed('link-errors', raw);

    it('a stable link is ok; one reconnection is a warning; five in the window are critical', () => {
      const stable = series(60, EVERY, () => ({ linkErrors: 3 }));
      expect(last(linkErrors(), stable)[0]).to.include({ status: 'ok', value: 0 });
      const one = series(60, EVERY, (i) => ({ linkErrors: i < 40 ? 3 : 4 }));
      expect(last(linkErrors(), one)[0]!.message).to.equal(
        '1 link error (reconnection) in the last 5 min; warning at 1, critical at 5',
      );
      const flapping = series(60, EVERY, (i) => ({ linkErrors: 3 + Math.floor(i / 10) }));
      expect(last(linkErrors(), flapping)[0]).to.include({ status: 'critical', value: 5, threshold: 5 });
    });

    it('old reconnections leave the window and the verdict returns to ok', () => {
      const samples = series(120, EVERY, (i) => ({ linkErrors: i < 10 ? 0 : 2 }));
      const statuses = run(linkErrors(), samples).map((r) => r[0]?.status);
      expect(statuses[20]).to.equal('warning');
      expect(statuses.at(-1)).to.equal('ok'); // 2 errors 9 min ago, outside the 5-min window
    });

    it('a counter that restarts at a reboot counts only what is new', () => {
      const samples = series(20, EVERY, (i) => ({ linkErrors: i < 10 ? 7 : 0 }));
      expect(last(linkErrors(), samples)[0]).to.include({ status: 'ok', value: 0 });
    });

    it('encoders without a link-error counter get no result', () => {
      expect(
        run(
          linkErrors(),
          series(20, EVERY, () => ({ cpuPct: 20 })),
        ).flat(),
      ).to.deep.equal([]);
    });
  });
});
