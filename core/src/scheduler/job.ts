import { errorMessageOf, type Clock, type JobOptions, type JobStats, type Logger, type ScheduledJob } from '@encoder-manager/sdk';

type Run = (signal: AbortSignal) => void | Promise<void>;

/**
 * A recurring job on a fixed-rate grid (no drift), each run delayed by random jitter. A tick that finds
 * the previous run still going is skipped and counted, never run in parallel. A run past its timeout
 * is aborted through its signal.
 */
export class Job implements ScheduledJob {
  #stats: { runs: number; skips: number; failures: number; lastDurationMs?: number; lastError?: string } = {
    runs: 0,
    skips: 0,
    failures: 0,
  };
  #running = false;
  #stopped = false;
  #nextBase: number;
  #cancelTimer: () => void = () => {};

  constructor(
    readonly name: string,
    private readonly options: JobOptions,
    private readonly run: Run,
    private readonly clock: Clock,
    private readonly log: Logger,
    private readonly random: () => number = Math.random,
  ) {
    if (!(options.intervalMs > 0)) throw new RangeError(`job "${name}": intervalMs must be > 0`);
    this.#nextBase = clock.now();
    if (options.runImmediately === false) this.#nextBase += options.intervalMs;
    this.#arm();
  }

  stats(): JobStats {
    return { ...this.#stats };
  }

  stop(): void {
    this.#stopped = true;
    this.#cancelTimer();
  }

  #arm(): void {
    if (this.#stopped) return;
    const jitter = Math.floor(this.random() * (this.options.jitterMs ?? 0));
    const delay = Math.max(0, this.#nextBase + jitter - this.clock.now());
    this.#nextBase += this.options.intervalMs;
    this.#cancelTimer = this.clock.setTimer(() => this.#tick(), delay);
  }

  #tick(): void {
    this.#arm();
    if (this.#running) {
      this.#stats.skips += 1;
      return;
    }
    void this.#execute();
  }

  async #execute(): Promise<void> {
    this.#running = true;
    const started = this.clock.now();
    const controller = new AbortController();
    const cancelTimeout = this.clock.setTimer(
      () => controller.abort(new Error(`job "${this.name}" exceeded ${this.#timeout()} ms`)),
      this.#timeout(),
    );
    try {
      await this.run(controller.signal);
      this.#stats.runs += 1;
    } catch (error) {
      this.#stats.runs += 1;
      this.#stats.failures += 1;
      this.#stats.lastError = errorMessageOf(error);
      this.log.warn({ job: this.name, err: error }, `scheduled job failed: ${this.#stats.lastError}`);
    } finally {
      cancelTimeout();
      this.#stats.lastDurationMs = this.clock.now() - started;
      this.#running = false;
    }
  }

  #timeout(): number {
    return this.options.timeoutMs ?? this.options.intervalMs;
  }
}
