import { spawn } from 'node:child_process';
import type { Clock } from '@encoder-manager/sdk';
import { forEachLine } from './lines.js';

/** How a process ended. `spawnError` is set when it never ran (binary missing, not executable). */
export interface ProcessExit {
  readonly code: number | null;
  readonly signal: string | null;
  readonly spawnError?: string;
}

/** What {@link FfmpegProcess.terminate} had to do. */
export type StopOutcome = 'already-exited' | 'SIGINT' | 'SIGTERM' | 'SIGKILL' | 'unkillable';

/** After SIGTERM, and again after SIGKILL, wait this long before giving up. */
const ESCALATION_WAIT_MS = 2000;

/**
 * One ffmpeg process in its own process group (`detached`: setsid), so a Ctrl-C in the agent's terminal
 * does not reach it (the driver stops it in order) and signals reach anything ffmpeg might start.
 * Node reaps the child when it exits; `exited` resolves after that and after both pipes are drained.
 */
export class FfmpegProcess {
  readonly pid: number | undefined;
  readonly exited: Promise<ProcessExit>;
  #exit: ProcessExit | undefined;

  constructor(
    binary: string,
    args: readonly string[],
    handlers: { onProgressLine(line: string): void; onLogLine(line: string): void },
  ) {
    const child = spawn(binary, args, { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    this.pid = child.pid;
    forEachLine(child.stdout, handlers.onProgressLine);
    forEachLine(child.stderr, handlers.onLogLine);
    this.exited = new Promise<ProcessExit>((resolve) => {
      child.once('error', (error) => {
        if (child.pid === undefined) resolve({ code: null, signal: null, spawnError: error.message });
      });
      child.once('close', (code, signal) => resolve({ code, signal }));
    }).then((exit) => (this.#exit = exit));
  }

  /** The exit, once the process has ended and been reaped. */
  get exit(): ProcessExit | undefined {
    return this.#exit;
  }

  /** Sends a signal to the whole process group; a group that is already gone is ignored. */
  signal(signal: NodeJS.Signals): void {
    if (this.pid === undefined || this.#exit) return;
    try {
      process.kill(-this.pid, signal);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
    }
  }

  /**
   * SIGINT (ffmpeg finishes the file or unpublishes cleanly) → after `graceMs` SIGTERM → SIGKILL, each
   * with a deadline on the clock. SIGCONT follows each signal so a SIGSTOPped process acts on it.
   */
  async terminate(clock: Clock, graceMs: number): Promise<StopOutcome> {
    if (this.#exit) return 'already-exited';
    const steps: readonly [NodeJS.Signals, number][] = [
      ['SIGINT', graceMs],
      ['SIGTERM', ESCALATION_WAIT_MS],
      ['SIGKILL', ESCALATION_WAIT_MS],
    ];
    for (const [signal, waitMs] of steps) {
      this.signal(signal);
      this.signal('SIGCONT');
      if (await this.#exitsWithin(clock, waitMs)) return signal as StopOutcome;
    }
    return 'unkillable';
  }

  async #exitsWithin(clock: Clock, ms: number): Promise<boolean> {
    const controller = new AbortController();
    const timeout = clock.sleep(ms, controller.signal).then(
      () => false,
      () => false,
    );
    const exited = await Promise.race([this.exited.then(() => true), timeout]);
    controller.abort();
    return exited;
  }
}
