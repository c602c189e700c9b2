import type { OutputSnapshot } from './output-runner.js';
import { ProgressParser } from './progress.js';
import { ProgressStats } from './progress-stats.js';
import { StderrLog } from './stderr-log.js';

/** Epoch ms of the milestones of one process run (for failover timings and the start-up benchmark). */
export interface RunTimings {
  readonly spawnedAt: number;
  /** ffmpeg printed `Output #0 … to` (for RTMP: the ingest accepted the publish). */
  readonly openedAt?: number;
  readonly firstProgressAt?: number;
  /** First block with frame > 0. */
  readonly firstFrameAt?: number;
}

/** Everything about one ffmpeg process run: its parsers, figures, stderr and milestones. */
export class RunState {
  readonly parser = new ProgressParser();
  readonly stats = new ProgressStats();
  readonly stderr: StderrLog;
  protocolError: { reason: string; raw: string } | undefined;
  ended = false;
  readonly timings: { -readonly [K in keyof RunTimings]: RunTimings[K] };

  constructor(
    readonly args: readonly string[],
    readonly startedAt: number,
    redact: (text: string) => string,
  ) {
    this.stderr = new StderrLog(redact);
    this.timings = { spawnedAt: startedAt };
  }
}

/** The current figures of a running process; zeros when it is stalled. */
export function liveFigures(run: RunState, stalled: boolean): Partial<OutputSnapshot> {
  if (!run.stats.last) return {};
  // A stalled process sends nothing: its last measured rates no longer hold.
  if (stalled) return { fps: 0, bitrateKbps: 0, speed: 0 };
  return { fps: run.stats.fps(), bitrateKbps: run.stats.bitrateKbps(), speed: run.stats.last.block.speed };
}
