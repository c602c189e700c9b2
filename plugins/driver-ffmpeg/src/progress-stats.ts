import type { ProgressBlock } from './progress.js';

/** Rates are measured over the blocks received in this window. */
const WINDOW_MS = 3000;
/** Falling behind real time by less than this is receive jitter, not lost frames. */
const LATE_TOLERANCE_SEC = 0.5;

interface Point {
  readonly at: number;
  readonly frame: number;
  readonly bytes: number | undefined;
}

/**
 * Turns progress blocks, stamped with the time they arrived, into current figures. ffmpeg's own `fps`
 * and `bitrate` are averages since the start and hide a collapse; these are measured over the last
 * {@link WINDOW_MS}, in wall-clock time, which is what the destination experiences.
 */
export class ProgressStats {
  #window: Point[] = [];
  #last: { readonly at: number; readonly block: ProgressBlock } | undefined;
  #lastAdvanceAt: number | undefined;
  #baseline: Point | undefined;
  #lateFrames = 0;

  add(at: number, block: ProgressBlock, nominalFps: number | undefined): void {
    const previous = this.#last?.block;
    if (block.frame > (previous?.frame ?? 0) || (block.outTimeUs ?? 0) > (previous?.outTimeUs ?? 0))
      this.#lastAdvanceAt = at;
    this.#last = { at, block };
    const point = { at, frame: block.frame, bytes: block.totalSizeBytes };
    this.#window = [...this.#window.filter((p) => at - p.at <= WINDOW_MS), point];
    if (!this.#baseline && block.frame > 0) this.#baseline = point;
    if (this.#baseline && nominalFps) this.#noteLateFrames(point, nominalFps);
  }

  /** The last block and when it arrived. */
  get last(): { readonly at: number; readonly block: ProgressBlock } | undefined {
    return this.#last;
  }

  /** When frames (or output time) last moved forward. */
  get lastAdvanceAt(): number | undefined {
    return this.#lastAdvanceAt;
  }

  /** Frames per second over the window; ffmpeg's average while the window holds one block. */
  fps(): number | undefined {
    const [first, last] = [this.#window[0], this.#window.at(-1)];
    if (!first || !last || last.at <= first.at) return this.#last?.block.fps;
    return round2(((last.frame - first.frame) * 1000) / (last.at - first.at));
  }

  /** Output kbit/s over the window; ffmpeg's average while the window holds one block. */
  bitrateKbps(): number | undefined {
    const [first, last] = [this.#window[0], this.#window.at(-1)];
    if (!first || !last || last.at <= first.at || first.bytes === undefined || last.bytes === undefined)
      return this.#last?.block.bitrateKbps;
    return round2(((last.bytes - first.bytes) * 8) / (last.at - first.at));
  }

  /**
   * Dropped frames as streams-and-failover.md §4.2 suggests: ffmpeg's `drop_frames` (rate conversion)
   * plus the most frames the output has fallen behind real time since its first frame.
   */
  droppedFrames(): number {
    return (this.#last?.block.dropFrames ?? 0) + this.#lateFrames;
  }

  #noteLateFrames(point: Point, nominalFps: number): void {
    const baseline = this.#baseline!;
    const expected = (nominalFps * (point.at - baseline.at)) / 1000;
    const behind = expected - (point.frame - baseline.frame) - nominalFps * LATE_TOLERANCE_SEC;
    this.#lateFrames = Math.max(this.#lateFrames, Math.floor(behind));
  }
}

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}
