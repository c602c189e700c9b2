import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { DriverError, type EncoderSample } from '@encoder-manager/sdk';
import {
  readRtmpStat,
  startNginxRtmp,
  waitForStream,
  type NginxRtmp,
} from '../../../test/helpers/nginx-rtmp.js';
import { createFfmpegDriver, type FfmpegDriver, type FfmpegEncoderConfig } from '../src/index.js';
import {
  clock,
  deadline,
  encoderConfig,
  eventually,
  ffmpegChildren,
  memoryLog,
  processExists,
} from './helpers.js';

describe('driver-ffmpeg with real ffmpeg and nginx-rtmp', function () {
  this.timeout(30_000);
  let nginx: NginxRtmp;
  let driver: FfmpegDriver | undefined;
  let work: string;

  before(async () => {
    nginx = await startNginxRtmp();
  });
  after(async () => {
    await nginx.stop();
  });
  beforeEach(() => {
    work = mkdtempSync(join(tmpdir(), 'em-ffmpeg-test-'));
  });
  afterEach(async () => {
    await driver?.close();
    driver = undefined;
    rmSync(work, { recursive: true, force: true });
    expect(ffmpegChildren(), 'ffmpeg children left after close').to.deep.equal([]);
  });

  const use = (config: FfmpegEncoderConfig): FfmpegDriver =>
    (driver = createFfmpegDriver(config, { clock, log: memoryLog() }));
  const poll = (d: FfmpegDriver): Promise<EncoderSample> => d.poll(deadline());
  const stateOf = async (d: FfmpegDriver, output = 'main') => {
    const found = (await poll(d)).outputs.find((o) => o.id === output);
    return { state: found?.state, raw: found?.raw ?? '' };
  };

  it('publishes to nginx-rtmp: confirmed active, /stat shows it publishing, stop unpublishes it', async () => {
    const d = use(
      encoderConfig(nginx.rtmpUrl('live', 'publish'), {
        input: { type: 'testsrc', size: '320x240', rate: 30, audio: true },
      }),
    );
    const started = await d.control({ type: 'start', outputId: 'main' }, deadline());
    expect(started).to.include({ confirmed: true, state: 'active' });
    const stat = await waitForStream(nginx.statUrl, 'live/publish');
    expect(stat?.publishing).to.equal(true);
    await new Promise((resolve) => setTimeout(resolve, 1200));
    const sample = await poll(d);
    expect(sample.outputs[0]).to.include({
      state: 'active',
      raw: 'PUBLISHING',
      destination: nginx.rtmpUrl('live', '').replace(/\/$/, ''),
    });
    expect(sample.outputs[0]?.bitrateKbps).to.be.greaterThan(0);
    expect(sample.metrics.fps).to.be.greaterThan(0);
    expect(sample.metrics.droppedFrames).to.be.a('number');
    const later = (await readRtmpStat(nginx.statUrl)).stream('live/publish');
    expect(later?.bytesIn).to.be.greaterThan(stat!.bytesIn);
    const stopped = await d.control({ type: 'stop', outputId: 'main' }, deadline());
    expect(stopped).to.include({ confirmed: true, state: 'idle' });
    expect(await stateOf(d)).to.deep.equal({ state: 'idle', raw: 'STOPPED' });
    await waitForStream(nginx.statUrl, 'live/publish', (s) => s?.publishing !== true);
  });

  it('kill -9 of ffmpeg → failed KILLED, and the child is reaped (no zombie)', async () => {
    const d = use(encoderConfig(nginx.rtmpUrl('live', 'kill9')));
    await d.control({ type: 'start', outputId: 'main' }, deadline());
    const pid = d.encoder.output('main').pid!;
    process.kill(pid, 'SIGKILL');
    const failed = await eventually(
      () => stateOf(d),
      (s) => s.state === 'failed',
      3000,
    );
    expect(failed.raw).to.equal('KILLED: ffmpeg was killed by SIGKILL');
    expect(processExists(pid), 'pid still exists (zombie)').to.equal(false);
    expect(d.encoder.diagnostics('main').stderrTail.length).to.be.greaterThan(0);
  });

  it('ingest stopped mid-stream → BROKEN_PIPE (or CONNECTION_RESET); a start with nothing listening throws CONNECTION_REFUSED', async () => {
    const doomed = await startNginxRtmp();
    const d = use(encoderConfig(doomed.rtmpUrl('live', 'doomed')));
    await d.control({ type: 'start', outputId: 'main' }, deadline());
    await doomed.stop();
    const failed = await eventually(
      () => stateOf(d),
      (s) => s.state === 'failed',
      5000,
    );
    // EPIPE or ECONNRESET, depending on whether nginx still had unread data when it died.
    expect(failed.raw).to.match(
      /^(BROKEN_PIPE|CONNECTION_RESET): av_interleaved_write_frame\(\): (Broken pipe|Connection reset by peer)$/,
    );
    const error = await d.control({ type: 'start', outputId: 'main' }, deadline()).catch((e: unknown) => e);
    expect(error).to.be.instanceOf(DriverError);
    expect(error).to.include({ code: 'EM_DRIVER_UNREACHABLE' });
    expect((error as DriverError).raw).to.match(
      /^CONNECTION_REFUSED: \[tcp @ 0x[0-9a-f]+\] Connection to tcp:\/\/127\.0\.0\.1:\d+\?tcp_nodelay=0 failed: Connection refused$/,
    );
    expect(await stateOf(d)).to.include({ state: 'failed' });
  });

  it('SIGSTOP → STALLED within 2 × the progress period; stop still ends the frozen process', async () => {
    const d = use(encoderConfig(nginx.rtmpUrl('live', 'stalled')));
    await d.control({ type: 'start', outputId: 'main' }, deadline());
    const pid = d.encoder.output('main').pid!;
    process.kill(pid, 'SIGSTOP');
    const frozenAt = Date.now();
    const stalled = await eventually(
      () => stateOf(d),
      (s) => s.state === 'failed',
      4000,
    );
    const detectedMs = Date.now() - frozenAt;
    expect(stalled.raw).to.match(
      new RegExp(`^STALLED: no progress from ffmpeg \\(pid ${pid}\\) for \\d+ ms$`),
    );
    // 2 × 500 ms period, plus at most one period for the last block before the freeze, plus polling.
    expect(detectedMs).to.be.lessThan(2500);
    expect((await poll(d)).outputs[0]?.bitrateKbps).to.equal(0);
    const stopped = await d.control({ type: 'stop', outputId: 'main' }, deadline());
    expect(stopped).to.include({ confirmed: true, state: 'idle' });
    expect(processExists(pid)).to.equal(false);
  });

  it('stop escalates SIGINT → SIGTERM → SIGKILL to the whole process group', async () => {
    // A stand-in "ffmpeg" that ignores INT and TERM and has a child of its own, to exercise escalation.
    const stubborn = join(work, 'stubborn-ffmpeg');
    writeFileSync(
      stubborn,
      `#!/bin/sh\ntrap '' INT TERM\nsleep 30 &\necho $! > ${join(work, 'child.pid')}\nwait\n`,
      { mode: 0o755 },
    );
    const d = use(
      encoderConfig(nginx.rtmpUrl('live', 'stubborn'), {
        ffmpegPath: stubborn,
        stopTimeoutMs: 200,
        startTimeoutMs: 500,
      }),
    );
    const start = await d.control({ type: 'start', outputId: 'main' }, deadline());
    expect(start).to.include({ confirmed: false, state: 'starting' });
    await eventually(() => existsSync(join(work, 'child.pid')), Boolean, 3000);
    const pid = d.encoder.output('main').pid!;
    const child = Number(readFileSync(join(work, 'child.pid'), 'utf8'));
    const started = Date.now();
    await d.control({ type: 'stop', outputId: 'main' }, deadline());
    expect(Date.now() - started).to.be.within(2000, 4000); // 200 ms grace + 2 s after SIGTERM, then SIGKILL
    expect(processExists(pid)).to.equal(false);
    await eventually(
      () => processExists(child),
      (alive) => !alive,
      2000,
    );
  });

  it('records to a file (record output) and refuses to overwrite it', async () => {
    const path = join(work, 'rec.ts');
    const config = encoderConfig(
      path,
      { input: { type: 'testsrc', size: '320x240', rate: 30, audio: true } },
      { kind: 'record' },
    );
    const d = use(config);
    const started = await d.control({ type: 'start', outputId: 'main' }, deadline());
    expect(started).to.include({ confirmed: true, state: 'active' });
    expect(await stateOf(d)).to.deep.equal({ state: 'active', raw: 'RECORDING' });
    await new Promise((resolve) => setTimeout(resolve, 800));
    await d.control({ type: 'stop', outputId: 'main' }, deadline());
    expect(statSync(path).size).to.be.greaterThan(10_000);
    const error = await d.control({ type: 'start', outputId: 'main' }, deadline()).catch((e: unknown) => e);
    expect(error).to.include({ code: 'EM_DRIVER_UNSUPPORTED' });
    expect((error as DriverError).raw).to.equal(`FILE_EXISTS: File '${path}' already exists. Exiting.`);
  });

  it('reboot restarts every running output with new processes', async () => {
    const config = encoderConfig(nginx.rtmpUrl('live', 'reboot'));
    const d = use({
      ...config,
      outputs: [
        ...config.outputs,
        { id: 'rec', kind: 'record', url: join(work, 'r-{start}.ts'), preset: 'ultrafast' },
        { id: 'spare', kind: 'stream', url: nginx.rtmpUrl('live', 'spare') },
      ],
    });
    await d.control({ type: 'start', outputId: 'main' }, deadline());
    await d.control({ type: 'start', outputId: 'rec' }, deadline());
    const before = [d.encoder.output('main').pid, d.encoder.output('rec').pid];
    await new Promise((resolve) => setTimeout(resolve, 1100)); // a new {start} second for the recording
    const result = await d.control({ type: 'reboot' }, deadline());
    expect(result).to.include({ confirmed: true, state: 'active' });
    const after = [d.encoder.output('main').pid, d.encoder.output('rec').pid];
    expect(after.every((pid, i) => pid !== undefined && pid !== before[i])).to.equal(true);
    expect(await stateOf(d, 'spare')).to.deep.equal({ state: 'idle', raw: 'IDLE' });
  });

  it('relays a live URL input (short probe) to another stream', async () => {
    const source = createFfmpegDriver(
      encoderConfig(nginx.rtmpUrl('live', 'source'), { id: 'source' }, { gopSeconds: 1 }),
      { clock, log: memoryLog() },
    );
    try {
      await source.control({ type: 'start', outputId: 'main' }, deadline());
      const relay = use(
        encoderConfig(nginx.rtmpUrl('live', 'relay'), {
          id: 'relay',
          input: { type: 'url', url: nginx.rtmpUrl('live', 'source') },
        }),
      );
      const started = await relay.control({ type: 'start', outputId: 'main' }, deadline());
      expect(started).to.include({ confirmed: true, state: 'active' });
      expect(started.elapsedMs).to.be.lessThan(5000);
      expect((await waitForStream(nginx.statUrl, 'live/relay'))?.publishing).to.equal(true);
    } finally {
      await source.close();
    }
  });

  it('without an ffmpeg binary: poll is unreachable and start throws EM_DRIVER_UNREACHABLE', async () => {
    const d = use(
      encoderConfig(nginx.rtmpUrl('live', 'nobin'), { ffmpegPath: join(work, 'no-such-ffmpeg') }),
    );
    const sample = await poll(d);
    expect(sample).to.include({ reachable: false });
    expect(sample.error?.code).to.equal('EM_DRIVER_UNREACHABLE');
    const error = await d.control({ type: 'start', outputId: 'main' }, deadline()).catch((e: unknown) => e);
    expect(error).to.include({ code: 'EM_DRIVER_UNREACHABLE' });
  });
});
