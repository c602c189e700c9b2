// `npm run bench -- failover [trials]`: kill -9 the primary ffmpeg encoder N times (default 20) on a real
// station (nginx-rtmp, two ffmpeg encoders, the agent) and report the gap from the kill to the backup
// publishing at the ingest, with where the time goes.
import type { FailoverRecord } from '@encoder-manager/sdk';
import { startStation, type Station } from '../test/helpers/station.js';

interface Trial {
  gapMs: number;
  detectMs: number;
  decideMs: number;
  startToLiveMs: number;
}

export async function run(args: string[]): Promise<void> {
  const trials = Number(args[0] ?? 20);
  process.stdout.write(
    `failover bench: ${trials} kill -9 trials per mode, node ${process.version}, ${process.arch}\n`,
  );
  const cold = await runMode('cold', trials);
  const warm = await runMode('warm', trials);
  report('cold standby (backup started on failure)', cold);
  report('warm standby (backup already publishing)', warm);
}

async function runMode(mode: 'cold' | 'warm', trials: number): Promise<Trial[]> {
  process.stdout.write(`\n${mode} standby\n`);
  const station = await startStation({ mode, stableSec: 3600, retryPrimaryEverySec: 3600 });
  const results: Trial[] = [];
  try {
    if (mode === 'warm')
      await station.until(() => station.pidOf('live/enc-b') !== undefined, 20_000, 'warm backup running');
    for (let index = 0; index < trials; index += 1) {
      const trial = await killTrial(station, index);
      results.push(trial);
      process.stdout.write(
        `  trial ${String(index + 1).padStart(2)}: gap ${trial.gapMs} ms (detect ${trial.detectMs}, decide ${trial.decideMs}, start→live ${trial.startToLiveMs})\n`,
      );
      await backOnPrimary(station, mode);
    }
  } catch (error) {
    // A trial that cannot complete on a loaded machine is reported, and the trials so far still count.
    process.stdout.write(
      `  stopped after ${results.length} trials: ${error instanceof Error ? error.message : String(error)}\n`,
    );
  } finally {
    await station.stop();
  }
  return results;
}

/** Returns the channel to its primary between trials; a start that fails on a loaded machine is retried. */
async function backOnPrimary(station: Station, mode: 'cold' | 'warm'): Promise<void> {
  const onPrimary = () => {
    const channel = station.failover.channels()[0];
    const backupGone = mode === 'warm' || station.pidOf('live/enc-b') === undefined;
    return channel?.activeEncoder === 'enc-a' && channel.state === 'live' && backupGone;
  };
  for (let attempt = 1; attempt <= 3 && !onPrimary(); attempt += 1) {
    const record = await station.failover.returnToPrimary('council', 'bench');
    if (record.outcome === 'completed') break;
  }
  await station.until(onPrimary, 20_000, 'back on primary');
  // Let the primary settle so the next kill hits a steady publisher, not one still starting.
  await new Promise((resolve) => setTimeout(resolve, 1000));
}

async function killTrial(station: Station, index: number): Promise<Trial> {
  const pid = station.pidOf('live/enc-a');
  if (pid === undefined) throw new Error(`trial ${index + 1}: no primary ffmpeg running`);
  const before = station.completed().length;
  const killedAt = Date.now();
  process.kill(pid, 'SIGKILL');
  await station.until(() => station.completed().length > before, 20_000, `trial ${index + 1} failover`);
  const record = station.completed().at(-1) as FailoverRecord;
  // Confirmation is the ingest reporting the backup's stream live (its on_publish callback, cold standby).
  const liveAt = record.confirmedAt ?? Date.now();
  return {
    gapMs: liveAt - killedAt,
    detectMs: record.detectedAt - killedAt,
    decideMs: (record.decidedAt ?? record.detectedAt) - record.detectedAt,
    startToLiveMs: liveAt - (record.decidedAt ?? record.detectedAt),
  };
}

function report(title: string, results: readonly Trial[]): void {
  const line = (label: string, values: number[]) => {
    const sorted = [...values].sort((a, b) => a - b);
    const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? 0;
    process.stdout.write(
      `${label.padEnd(26)} min ${sorted[0]} / median ${at(0.5)} / p95 ${at(0.95)} / max ${sorted.at(-1)} ms\n`,
    );
  };
  process.stdout.write(`\n${title}\n`);
  line(
    'gap: kill → backup live',
    results.map((r) => r.gapMs),
  );
  line(
    '  detection',
    results.map((r) => r.detectMs),
  );
  line(
    '  decision',
    results.map((r) => r.decideMs),
  );
  line(
    '  ffmpeg start + RTMP',
    results.map((r) => r.startToLiveMs),
  );
}
