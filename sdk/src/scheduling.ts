import { getEventListeners } from 'node:events';
import { errorCodeOf, errorMessageOf } from './errors.js';
import type { Clock } from './clock.js';
import type { Logger } from './logger.js';
import type { JobOptions, JobStats, ScheduledJob, Scheduler } from './scheduler.js';

type Run = (signal: AbortSignal) => void | Promise<void>;

/** A {@link Scheduler} whose jobs can all be stopped at once, as the host does when a plugin stops. */
export interface OwnedScheduler extends Scheduler {
  /** The jobs still scheduled. */
  jobs(): readonly ScheduledJob[];
  /** Stops every job and aborts runs in progress. */
  stopAll(): void;
}

/**
 * The scheduler behind `ctx.schedule`, driven by any {@link Clock} (the fake clock in tests). Shared by
 * the core and the test kit so plugin tests exercise the same timing rules the agent applies.
 */
export function createScheduler(
  clock: Clock,
  log: Logger,
  random: () => number = Math.random,
): OwnedScheduler {
  const jobs = new Set<Job>();
  return {
    every(name, options, run) {
      const job = new Job(name, options, run, clock, log, random, () => jobs.delete(job));
      jobs.add(job);
      return job;
    },
    jobs: () => [...jobs],
    stopAll() {
      for (const job of [...jobs]) job.stop();
    },
  };
}

/**
 * A recurring job on a fixed-rate grid (no drift), each run delayed by random jitter. A tick that finds
 * the previous run still going is skipped and counted, never run in parallel. A run past its timeout,
 * or still going when the job stops, is aborted through its signal.
 */
class Job implements ScheduledJob {
  #stats: { runs: number; skips: number; failures: number; lastDurationMs?: number; lastError?: string } = {
    runs: 0,
    skips: 0,
    failures: 0,
  };
  #current: AbortController | undefined;
  #spare: AbortController | undefined;
  #stopped = false;
  #nextBase: number;
  #cancelTimer: () => void = () => {};

  constructor(
    readonly name: string,
    private readonly options: JobOptions,
    private readonly run: Run,
    private readonly clock: Clock,
    private readonly log: Logger,
    private readonly random: () => number,
    private readonly onStop: () => void,
  ) {
    if (!(options.intervalMs > 0) || !Number.isFinite(options.intervalMs)) {
      // A zero interval would re-arm at the same instant forever.
      throw new RangeError(
        `job "${name}": intervalMs must be a positive finite number, got ${options.intervalMs}`,
      );
    }
    if (options.alignMs !== undefined && !(options.alignMs > 0 && Number.isFinite(options.alignMs))) {
      throw new RangeError(`job "${name}": alignMs must be a positive finite number, got ${options.alignMs}`);
    }
    const offsetMs = options.offsetMs ?? 0;
    if (!(offsetMs >= 0) || !Number.isFinite(offsetMs)) {
      throw new RangeError(`job "${name}": offsetMs must be a finite number ≥ 0, got ${offsetMs}`);
    }
    const start = clock.now();
    if (options.runImmediately === false) {
      this.#nextBase = start + offsetMs + options.intervalMs;
      this.#arm();
    } else {
      this.#nextBase = start;
      this.#arm();
      // The immediate run stays immediate; the grid after it is shifted.
      this.#nextBase += offsetMs;
    }
  }

  stats(): JobStats {
    return { ...this.#stats };
  }

  stop(): void {
    this.#stopped = true;
    this.#cancelTimer();
    this.#current?.abort(new Error(`job "${this.name}" stopped`));
    this.onStop();
  }

  #arm(): void {
    if (this.#stopped) return;
    this.#skipMissedTicks();
    const jitter = Math.floor(this.random() * (this.options.jitterMs ?? 0));
    const delay = Math.max(0, alignUp(this.#nextBase + jitter, this.options.alignMs) - this.clock.now());
    this.#nextBase += this.options.intervalMs;
    this.#cancelTimer = this.clock.setTimer(() => this.#tick(), delay);
  }

  /**
   * When the event loop fell behind by whole intervals, those ticks are skipped (and counted), not run
   * back to back: catching up would only deepen an overload.
   */
  #skipMissedTicks(): void {
    const behind = this.clock.now() - this.#nextBase;
    if (behind < this.options.intervalMs) return;
    const missed = Math.floor(behind / this.options.intervalMs);
    this.#stats.skips += missed;
    this.#nextBase += missed * this.options.intervalMs;
  }

  #tick(): void {
    this.#arm();
    if (this.#current) {
      this.#stats.skips += 1;
      return;
    }
    void this.#execute();
  }

  async #execute(): Promise<void> {
    const controller = this.#spare ?? new AbortController();
    this.#spare = undefined;
    this.#current = controller;
    const timeoutMs = this.options.timeoutMs ?? this.options.intervalMs;
    const cancelTimeout = this.clock.setTimer(
      () => controller.abort(new Error(`job "${this.name}" exceeded ${timeoutMs} ms`)),
      timeoutMs,
    );
    const started = this.clock.now();
    this.#stats.runs += 1;
    try {
      await this.run(controller.signal);
    } catch (error) {
      this.#stats.failures += 1;
      this.#stats.lastError = errorMessageOf(error);
      const code = errorCodeOf(error) ?? 'EM_PLUGIN_HANDLER_FAILED';
      this.log.error({ job: this.name, code, err: error }, `scheduled job failed: ${this.#stats.lastError}`);
    } finally {
      cancelTimeout();
      this.#stats.lastDurationMs = this.clock.now() - started;
      this.#current = undefined;
      // A signal nobody aborted and nobody listens to any more serves the next run: a fresh
      // AbortController and its first listener cost ~6 µs and 2 KiB, paid 5,000 times a second by the
      // poller. A run that left a listener behind gets a new one, so listeners never pile up.
      if (!controller.signal.aborted && getEventListeners(controller.signal, 'abort').length === 0)
        this.#spare = controller;
    }
  }
}

/** `at` rounded up to the next multiple of `alignMs` (unchanged without one). */
function alignUp(at: number, alignMs: number | undefined): number {
  return alignMs === undefined ? at : Math.ceil(at / alignMs) * alignMs;
}
