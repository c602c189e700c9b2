import { expect } from 'chai';
import { checkNamed, last, noise, run, sample, series, stream, T0, unreachable } from './helpers.js';

const EVERY = 5000;

describe('bitrate check', () => {
  const bitrate = (raw: unknown = { bitrate: { expectedKbps: { stream: 4500 } } }) =>
    checkNamed('bitrate', raw);
  const withBitrate = (count: number, kbps: (i: number) => number, state: 'active' | 'idle' = 'active') =>
    series(count, EVERY, (i) => sample(T0 + i * EVERY, {}, [stream(state, kbps(i))]));

  it('a stream at its expected bitrate with ±1.5 % jitter is ok', () => {
    const next = noise(11);
    const results = run(
      bitrate(),
      withBitrate(60, () => 4500 * (1 + 0.015 * next())),
    ).flat();
    expect(results.every((r) => r.status === 'ok')).to.equal(true);
    expect(results.at(-1)).to.include({ check: 'bitrate', subject: 'enc-1/stream', threshold: 3600 });
    expect(results.at(-1)!.message).to.match(
      /^stream sends 4\d{3} kbit\/s on average over the last 30 s \(expected 4500 kbit\/s; warning at 20 % below\)$/,
    );
  });

  it('a stream averaging 53 % below expected is critical; 30 % below is a warning', () => {
    const critical = last(
      bitrate(),
      withBitrate(10, () => 2100),
    )[0]!;
    expect(critical).to.include({ status: 'critical', value: 2100, threshold: 2250 });
    expect(critical.message).to.equal(
      'stream sends 2100 kbit/s on average over the last 30 s, 53 % below the expected 4500 kbit/s; critical at 50 % below',
    );
    expect(
      last(
        bitrate(),
        withBitrate(10, () => 3150),
      )[0],
    ).to.include({ status: 'warning', threshold: 3600 });
  });

  it('a short dip averaged over the window does not alarm', () => {
    const results = run(
      bitrate(),
      withBitrate(30, (i) => (i === 20 ? 900 : 4500)),
    );
    expect(results.flat().every((r) => r.status === 'ok')).to.equal(true);
  });

  it('waits until the active readings cover half the window (an output ramps up after it starts)', () => {
    const starting = series(6, EVERY, (i) =>
      sample(T0 + i * EVERY, {}, [stream(i < 3 ? 'idle' : 'active', i < 3 ? 0 : 1200)]),
    );
    const results = run(bitrate(), starting);
    expect(results[3]).to.deep.equal([]);
    expect(results[4]).to.deep.equal([]);
    expect(results[5]).to.deep.equal([]); // 10 s of active readings < 15 s
  });

  it('an idle output is not judged (ok), so a low-bitrate alert clears when the stream is stopped', () => {
    expect(
      last(
        bitrate(),
        withBitrate(3, () => 0, 'idle'),
      )[0],
    ).to.include({
      status: 'ok',
      message: 'stream not on air (idle); bitrate not judged',
    });
  });

  it('no expected bitrate, no bitrate metric (AJA HELO), or unreachable: no result', () => {
    expect(
      run(
        bitrate({}),
        withBitrate(10, () => 100),
      ).flat(),
    ).to.deep.equal([]);
    const aja = series(10, EVERY, (i) => sample(T0 + i * EVERY, { temperatureC: 50 }, [stream('active')]));
    expect(run(bitrate(), aja).flat()).to.deep.equal([]);
    expect(last(bitrate(), [unreachable(T0)])).to.deep.equal([]);
  });
});

describe('fps check', () => {
  const fps = (raw: unknown = { fps: { expectedFps: 29.97 } }) => checkNamed('fps', raw);
  const withFps = (count: number, value: (i: number) => number, state: 'active' | 'idle' = 'active') =>
    series(count, EVERY, (i) => sample(T0 + i * EVERY, { fps: value(i) }, [stream(state, 4500)]));

  it('29.97 ± 0.03 is ok; 26 fps (ffmpeg falling behind) is a warning; 20 fps is critical', () => {
    const next = noise(3);
    expect(
      run(
        fps(),
        withFps(40, () => 29.97 + 0.01 * next()),
      )
        .flat()
        .every((r) => r.status === 'ok'),
    ).to.equal(true);
    const behind = last(
      fps(),
      withFps(10, () => 26),
    )[0]!;
    expect(behind).to.include({ status: 'warning', value: 26, threshold: 28.47 });
    expect(behind.message).to.equal(
      '26.00 fps on average over the last 30 s, 13.2 % below the expected 29.97 fps; warning at 5 % below',
    );
    expect(
      last(
        fps(),
        withFps(10, () => 20),
      )[0],
    ).to.include({ status: 'critical', threshold: 25.47 });
  });

  it('is not judged while no output is active, without expectedFps, or without an fps metric', () => {
    expect(
      run(
        fps(),
        withFps(10, () => 0, 'idle'),
      ).flat(),
    ).to.deep.equal([]);
    expect(
      run(
        fps({}),
        withFps(10, () => 10),
      ).flat(),
    ).to.deep.equal([]);
    expect(
      run(
        fps(),
        series(10, EVERY, () => ({ cpuPct: 20 })),
      ).flat(),
    ).to.deep.equal([]);
  });
});

describe('cpu and memory checks', () => {
  it('averages CPU over the window: one busy reading is not overload, a busy minute is', () => {
    const cpu = checkNamed('cpu');
    const spike = series(24, EVERY, (i) => ({ cpuPct: i === 23 ? 99 : 40 }));
    expect(last(cpu, spike)[0]).to.include({ status: 'ok' });
    const busy = series(24, EVERY, () => ({ cpuPct: 97 }));
    const result = last(cpu, busy)[0]!;
    expect(result).to.include({ check: 'cpu', status: 'critical', value: 97, threshold: 95 });
    expect(result.message).to.equal(
      'CPU 97 % on average over the last 60 s; warning at 85 %, critical at 95 %',
    );
    expect(
      last(
        cpu,
        series(24, EVERY, () => ({ cpuPct: 88 })),
      )[0],
    ).to.include({ status: 'warning' });
  });

  it('windowSec 0 judges the latest reading alone', () => {
    const cpu = checkNamed('cpu', { cpu: { windowSec: 0 } });
    const result = last(
      cpu,
      series(24, EVERY, (i) => ({ cpuPct: i === 23 ? 99 : 40 })),
    )[0]!;
    expect(result).to.include({ status: 'critical', message: 'CPU 99 %; warning at 85 %, critical at 95 %' });
  });

  it('memory works the same way; encoders without the metric (OBS reports MB, not %) get no result', () => {
    const memory = checkNamed('memory', { memory: { warningPct: 80, criticalPct: 90 } });
    expect(
      last(
        memory,
        series(10, EVERY, () => ({ memPct: 83 })),
      )[0],
    ).to.include({ status: 'warning', threshold: 80 });
    expect(
      run(
        memory,
        series(10, EVERY, () => ({ cpuPct: 20 })),
      ).flat(),
    ).to.deep.equal([]);
  });
});
