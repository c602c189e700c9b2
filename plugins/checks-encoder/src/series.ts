import type { CheckInput, EncoderSample } from '@encoder-manager/sdk';

/** One reading of a metric. */
export interface Point {
  /** Epoch ms of the sample. */
  readonly at: number;
  readonly value: number;
}

/**
 * The encoder's samples up to and including the one being checked, oldest first. The history may
 * already hold the current sample, or even newer ones when the check runs late; both are dropped so
 * every verdict is about `input.sample` and its past only.
 */
export function timeline(input: CheckInput): readonly EncoderSample[] {
  const { sample, history } = input;
  const cached = timelines.get(history);
  if (cached?.sample === sample && cached.length === history.length) return cached.samples;
  const samples = [...history.filter((s) => s.encoderId === sample.encoderId && s.at < sample.at), sample];
  timelines.set(history, { sample, length: history.length, samples });
  return samples;
}

/**
 * The core hands every check the same history array for one sample, so the nine checks share one
 * timeline instead of filtering the history nine times. Keyed weakly: it goes when the history does.
 */
const timelines = new WeakMap<
  readonly EncoderSample[],
  { readonly sample: EncoderSample; readonly length: number; readonly samples: readonly EncoderSample[] }
>();

/** Samples taken within `windowSec` before `now` (inclusive); `windowSec` 0 keeps only `now`'s sample. */
export function within(samples: readonly EncoderSample[], windowSec: number, now: number): EncoderSample[] {
  const from = now - windowSec * 1000;
  return samples.filter((s) => s.at >= from && s.at <= now);
}

/** The readings a picker finds, skipping samples where the metric is absent. */
export function pointsOf(
  samples: readonly EncoderSample[],
  pick: (sample: EncoderSample) => number | undefined,
): Point[] {
  const points: Point[] = [];
  for (const sample of samples) {
    const value = sample.reachable ? pick(sample) : undefined;
    if (value !== undefined && Number.isFinite(value)) points.push({ at: sample.at, value });
  }
  return points;
}

/** Milliseconds between the first and last point. */
export function spanMs(points: readonly Point[]): number {
  const first = points[0];
  const last = points.at(-1);
  return first && last ? last.at - first.at : 0;
}

export function mean(points: readonly Point[]): number {
  return points.reduce((sum, p) => sum + p.value, 0) / points.length;
}

/** How much a cumulative counter grew, and how often it went backwards (device or output restarted). */
export interface CounterIncrease {
  readonly increase: number;
  readonly resets: number;
}

/**
 * The increase of a cumulative counter over the points, as Prometheus' `increase()` counts it: a drop
 * means the counter restarted from zero (encoder reboot, output restart), so the new value is all new.
 */
export function counterIncrease(points: readonly Point[]): CounterIncrease {
  let increase = 0;
  let resets = 0;
  for (let i = 1; i < points.length; i += 1) {
    const previous = points[i - 1]!.value;
    const current = points[i]!.value;
    if (current >= previous) increase += current - previous;
    else {
      increase += current;
      resets += 1;
    }
  }
  return { increase, resets };
}
