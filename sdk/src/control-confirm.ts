import type { Clock } from './clock.js';
import type { OutputState } from './driver.js';

/** Settings for {@link confirmState}. */
export interface ConfirmOptions {
  /** Reads the output's current state from the device. */
  read(signal: AbortSignal): Promise<OutputState | undefined>;
  /** The state(s) that confirm the action. */
  want: readonly OutputState[];
  clock: Clock;
  /** Give up after this long; default 10 s. */
  deadlineMs?: number;
  /** Pause between reads; default 250 ms. */
  intervalMs?: number;
  signal?: AbortSignal;
}

/** What read-back confirmation saw. */
export interface Confirmation {
  readonly confirmed: boolean;
  /** The last state read. */
  readonly state: OutputState | undefined;
  readonly elapsedMs: number;
}

/**
 * Reads state back until it matches or the deadline passes. Devices answer "accepted", `RETRY` or an
 * obs-websocket 200 before anything has happened, so only the state read back counts as success.
 * Read errors during the wait are tolerated (a rebooting device answers 503) until the deadline.
 */
export async function confirmState(options: ConfirmOptions): Promise<Confirmation> {
  const { clock, want } = options;
  const started = clock.now();
  const deadline = started + (options.deadlineMs ?? 10_000);
  let state: OutputState | undefined;
  for (;;) {
    options.signal?.throwIfAborted();
    state = await options.read(options.signal ?? new AbortController().signal).catch(() => state);
    if (state !== undefined && want.includes(state))
      return { confirmed: true, state, elapsedMs: clock.now() - started };
    if (clock.now() >= deadline) return { confirmed: false, state, elapsedMs: clock.now() - started };
    await clock.sleep(
      Math.min(options.intervalMs ?? 250, Math.max(0, deadline - clock.now())),
      options.signal,
    );
  }
}
