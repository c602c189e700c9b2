/**
 * Start-up latency of ffmpeg publishing to a local nginx-rtmp: spawn → first progress block, → output
 * opened (`Output #0 … to`), → nginx /stat shows the stream publishing, → driver-confirmed `active`.
 * Run: `cd plugins/driver-ffmpeg && npx tsx test/bench/startup.ts [runs]` (default 10 per variant).
 */
import { execFile } from 'node:child_process';
import { loadavg } from 'node:os';
import { systemClock } from '@encoder-manager/core';
import { createMemoryLogger } from '@encoder-manager/sdk/testing';
import { readRtmpStat, startNginxRtmp, type NginxRtmp } from '../../../../test/helpers/nginx-rtmp.js';
import { createFfmpegDriver, type FfmpegEncoderConfig, type FfmpegOutputConfig } from '../../src/index.js';

const RUNS = Number(process.argv[2] ?? 10);

interface Variant {
  readonly name: string;
  readonly size?: string;
  readonly output?: Partial<FfmpegOutputConfig>;
  readonly audio?: boolean;
}

const VARIANTS: readonly Variant[] = [
  { name: 'default: 1280x720 veryfast zerolatency' },
  { name: 'preset ultrafast', output: { preset: 'ultrafast' } },
  { name: 'no -tune zerolatency', output: { tune: '' } },
  { name: 'no audio input', audio: false },
  { name: '640x360', size: '640x360' },
  { name: '640x360 ultrafast, no audio', size: '640x360', audio: false, output: { preset: 'ultrafast' } },
];

type Timing = Record<'progress' | 'opened' | 'publishing' | 'active', number>;

async function measureOnce(nginx: NginxRtmp, variant: Variant, run: number): Promise<Timing> {
  const name = `bench-${run}`;
  const config: FfmpegEncoderConfig = {
    id: 'bench',
    input: { type: 'testsrc', size: variant.size ?? '1280x720', rate: 30, audio: variant.audio ?? true },
    outputs: [{ id: 'main', kind: 'stream', url: nginx.rtmpUrl('live', name), ...variant.output }],
  };
  const driver = createFfmpegDriver(config, { clock: systemClock, log: createMemoryLogger([]) });
  const statPublishing = pollStat(nginx, `live/${name}`);
  const result = await driver.control({ type: 'start', outputId: 'main' }, AbortSignal.timeout(20_000));
  const publishingAt = await statPublishing;
  const timings = driver.encoder.diagnostics('main').timings!;
  await driver.close();
  if (!result.confirmed) throw new Error(`${variant.name}: start not confirmed (${result.state})`);
  const since = (at: number | undefined) => (at ?? NaN) - timings.spawnedAt;
  const activeAt = Math.max(timings.openedAt ?? NaN, timings.firstFrameAt ?? NaN);
  return {
    progress: since(timings.firstProgressAt),
    opened: since(timings.openedAt),
    publishing: since(publishingAt),
    active: since(activeAt),
  };
}

/** Epoch ms when /stat first lists the stream as publishing (polled every 10 ms, at most 10 s). */
async function pollStat(nginx: NginxRtmp, path: string): Promise<number> {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    if ((await readRtmpStat(nginx.statUrl)).stream(path)?.publishing) return Date.now();
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return NaN;
}

function summary(values: number[]): string {
  const sorted = [...values].sort((a, b) => a - b);
  const median = sorted[Math.floor((sorted.length - 1) / 2)]!;
  return `${sorted[0]}/${median}/${sorted.at(-1)}`;
}

/** The floor: spawning `ffmpeg -version` until it exits (library loading, no encoding). */
async function versionOnce(): Promise<number> {
  const started = Date.now();
  await new Promise<void>((resolve, reject) =>
    execFile('ffmpeg', ['-hide_banner', '-version'], (error) => (error ? reject(error) : resolve())),
  );
  return Date.now() - started;
}

async function main(): Promise<void> {
  const nginx = await startNginxRtmp();
  // Variants are interleaved run by run, so a change in machine load hits them all alike.
  const results = new Map<string, Timing[]>(VARIANTS.map((variant) => [variant.name, []]));
  const floor: number[] = [];
  try {
    for (let run = 0; run < RUNS; run += 1) {
      floor.push(await versionOnce());
      for (const variant of VARIANTS) results.get(variant.name)!.push(await measureOnce(nginx, variant, run));
    }
  } finally {
    await nginx.stop();
  }
  console.log(
    `ffmpeg start-up, ms since spawn, min/median/max over ${RUNS} runs (load ${loadavg()[0]!.toFixed(1)})`,
  );
  console.log(`ffmpeg -version exits after ${summary(floor)}`);
  const headers = ['first progress', 'output opened', '/stat publishing', 'driver active'];
  console.log(`${'variant'.padEnd(44)}${headers.map((h) => h.padEnd(18)).join('')}`);
  for (const [name, runs] of results) {
    const column = (key: keyof Timing) => summary(runs.map((timing) => timing[key])).padEnd(18);
    console.log(
      `${name.padEnd(44)}${column('progress')}${column('opened')}${column('publishing')}${column('active')}`,
    );
  }
}

await main();
