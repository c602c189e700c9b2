import {
  errorCodeOf,
  errorMessageOf,
  type CancelTimer,
  type Clock,
  type JobOptions,
  type JobStats,
  type Logger,
  type ScheduledJob,
  type Scheduler,
} from '@encoder-manager/sdk';

/** A `Scheduler` whose jobs can all be stopped at once, as the host does when a plugin stops. */
export interface TestScheduler extends Scheduler {
  /** Stops every job and aborts runs in progress. Jobs created afterwards never run. */
  stopAll(): void;
}

type JobRun = (signal: AbortSignal) => void | Promise<void>;

/** Mutable counters behind a job's read-only `JobStats`. */
interface MutableStats {
  runs: number;
  skips: number;
  failures: number;
  lastDurationMs?: number;
  lastError?: string;
}

/**
 * Creates a scheduler that runs jobs on `clock`, so a FakeClock drives them. Ticks are fixed-rate: a tick
 * that finds the previous run still going is counted as a skip instead of starting a second run.
 * `stats().runs` counts runs started. A run is aborted through its signal after `timeoutMs`
 * (default: the interval) and when the job stops.
 *
 * @param clock - The time source for ticks, durations and timeouts.
 * @param log - Where job failures are reported, with the job name.
 */
export function createTestScheduler(clock: Clock, log: Logger): TestScheduler {
  const jobs = new Set<ScheduledJob>();
  let stoppedAll = false;

  const every = (name: string, options: JobOptions, run: JobRun): ScheduledJob => {
    if (!(options.intervalMs > 0) || !Number.isFinite(options.intervalMs)) {
      // A zero interval would re-arm at the same instant forever and hang FakeClock.advance.
      throw new RangeError(
        `job "${name}": intervalMs must be a positive finite number, got ${options.intervalMs}`,
      );
    }
    const stats: MutableStats = { runs: 0, skips: 0, failures: 0 };
    const timeoutMs = options.timeoutMs ?? options.intervalMs;
    let cancelTick: CancelTimer | undefined;
    let current: AbortController | undefined;
    let stopped = stoppedAll;

    const jitter = (): number => Math.random() * (options.jitterMs ?? 0);

    const execute = async (): Promise<void> => {
      const controller = new AbortController();
      current = controller;
      const cancelTimeout = clock.setTimer(
        () => controller.abort(new Error(`job "${name}" timed out after ${timeoutMs} ms`)),
        timeoutMs,
      );
      const started = clock.now();
      stats.runs += 1;
      try {
        await run(controller.signal);
      } catch (error) {
        stats.failures += 1;
        stats.lastError = errorMessageOf(error);
        log.error(
          { job: name, code: errorCodeOf(error) ?? 'EM_PLUGIN_HANDLER_FAILED', err: error },
          `job ${name} failed: ${stats.lastError}`,
        );
      } finally {
        cancelTimeout();
        stats.lastDurationMs = clock.now() - started;
        current = undefined;
      }
    };

    const tick = (): void => {
      if (stopped) return;
      // Arm the next tick before running so the rate stays fixed however long the run takes.
      cancelTick = clock.setTimer(tick, options.intervalMs + jitter());
      if (current) {
        stats.skips += 1;
        return;
      }
      void execute();
    };

    const job: ScheduledJob = {
      name,
      stats: () => ({ ...stats }),
      stop: () => {
        stopped = true;
        cancelTick?.();
        current?.abort(new Error(`job "${name}" stopped`));
        jobs.delete(job);
      },
    };

    if (!stopped) {
      const first = (options.runImmediately ?? true) ? 0 : options.intervalMs;
      cancelTick = clock.setTimer(tick, first + jitter());
      jobs.add(job);
    }
    return job;
  };

  return {
    every,
    stopAll: () => {
      stoppedAll = true;
      for (const job of [...jobs]) job.stop();
    },
  };
}
