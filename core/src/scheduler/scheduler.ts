import type { Clock, JobOptions, Logger, ScheduledJob, Scheduler } from '@encoder-manager/sdk';
import { Job } from './job.js';

/** Creates jobs for one owner and stops them all at once when the owner stops. */
export class OwnedScheduler implements Scheduler {
  readonly #jobs = new Set<Job>();

  constructor(
    private readonly clock: Clock,
    private readonly log: Logger,
  ) {}

  every(name: string, options: JobOptions, run: (signal: AbortSignal) => void | Promise<void>): ScheduledJob {
    const job = new Job(name, options, run, this.clock, this.log);
    this.#jobs.add(job);
    return {
      name,
      stats: () => job.stats(),
      stop: () => {
        job.stop();
        this.#jobs.delete(job);
      },
    };
  }

  jobs(): readonly ScheduledJob[] {
    return [...this.#jobs];
  }

  stopAll(): void {
    for (const job of this.#jobs) job.stop();
    this.#jobs.clear();
  }
}
