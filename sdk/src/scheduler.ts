/** How a recurring job runs. */
export interface JobOptions {
  readonly intervalMs: number;
  /** Each run is delayed by a random 0…jitterMs so many encoders are not polled in lockstep. */
  readonly jitterMs?: number;
  /** Run once straight away instead of after the first interval. Default true. */
  readonly runImmediately?: boolean;
  /**
   * Shifts this job's grid: later runs fall at start + offsetMs + k·intervalMs. Jobs with the same
   * interval but spread offsets (the poller gives each encoder its own) do not all run in one instant,
   * however small their jitter. The first run stays straight away unless `runImmediately` is false.
   * Default 0.
   */
  readonly offsetMs?: number;
  /**
   * Rounds each run's time up to a multiple of alignMs on the clock (the grid itself does not move), so
   * many jobs share one wake-up of the event loop instead of one each: on a virtual machine a wake-up
   * costs tens of µs, which thousands of polls a second spread to the millisecond pay every time.
   */
  readonly alignMs?: number;
  /** A run still going after this is aborted through its signal. Default: the interval. */
  readonly timeoutMs?: number;
}

/** Counters for one job. */
export interface JobStats {
  readonly runs: number;
  /** Ticks skipped because the previous run had not finished (runs never overlap). */
  readonly skips: number;
  readonly failures: number;
  readonly lastDurationMs?: number;
  readonly lastError?: string;
}

/** A scheduled job. */
export interface ScheduledJob {
  readonly name: string;
  stats(): JobStats;
  stop(): void;
}

/** Runs recurring work; jobs are stopped automatically when their plugin stops. */
export interface Scheduler {
  every(name: string, options: JobOptions, run: (signal: AbortSignal) => void | Promise<void>): ScheduledJob;
}
