import type { Clock } from '@encoder-manager/sdk';

/** eRRS values the simulator moves between (encoders.md §2.3). */
export const RRS = { uninitialized: 0, idle: 1, running: 2, failingInIdle: 3, failingInRun: 4, shutdown: 5 };

const ZERO_DURATION = '00:00:00:00';

/** One replicator output (record or stream): its eRRS value and how long it has been running. */
export class ReplicatorOutput {
  #value: number;
  #runningSince: number | undefined;

  constructor(
    private readonly clock: Clock,
    initial: number,
  ) {
    this.#value = initial;
    this.#runningSince = isRunning(initial) ? clock.now() : undefined;
  }

  get value(): number {
    return this.#value;
  }

  /** Moves to an eRRS value; the duration restarts when the output starts running. */
  set(value: number): void {
    if (!Number.isInteger(value) || value < 0 || value > 5) {
      throw new RangeError(`an eRRS state is 0–5, got ${value}`);
    }
    if (!isRunning(value)) this.#runningSince = undefined;
    else if (!isRunning(this.#value)) this.#runningSince = this.clock.now();
    this.#value = value;
  }

  /** `HH:MM:SS:FF` (30 fps timecode) since the output started, `00:00:00:00` when it is not running. */
  duration(): string {
    if (this.#runningSince === undefined) return ZERO_DURATION;
    return timecode(this.clock.now() - this.#runningSince);
  }
}

/** Recording/Streaming (2) and FailingInRecord/FailingInStream (4) are outputs that are running. */
export function isRunning(value: number): boolean {
  return value === RRS.running || value === RRS.failingInRun;
}

/** Formats milliseconds as timecode; the doc leaves the groups unconfirmed (§2.3), this is our choice. */
export function timecode(ms: number): string {
  const totalSec = Math.floor(ms / 1000);
  const frames = Math.floor(((ms % 1000) / 1000) * 30);
  const parts = [Math.floor(totalSec / 3600), Math.floor(totalSec / 60) % 60, totalSec % 60, frames];
  return parts.map((n) => String(n).padStart(2, '0')).join(':');
}
