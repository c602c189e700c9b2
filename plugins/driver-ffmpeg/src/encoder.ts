import { confirmState, DriverError, type Clock, type Confirmation, type Logger } from '@encoder-manager/sdk';
import { DEFAULTS, type FfmpegEncoderConfig } from './config.js';
import { findExecutable } from './executable.js';
import { OutputRunner, type OutputDiagnostics, type OutputSnapshot } from './output-runner.js';

/** Read-back interval while confirming a start or stop. */
const CONFIRM_INTERVAL_MS = 50;

/** Dependencies of an encoder: time and logging from the plugin context. */
export interface EncoderDeps {
  readonly clock: Clock;
  readonly log: Logger;
}

/**
 * The software encoder itself — what a hardware driver would reach over the network: one ffmpeg process
 * per output (so a failing destination cannot take the others down), started and stopped on request.
 * A driver reads it; a test may share it with a driver to act "out of band", as an operator would.
 */
export class FfmpegEncoder {
  readonly id: string;
  readonly binary: string;
  readonly #runners: Map<string, OutputRunner>;
  readonly #clock: Clock;
  readonly #startTimeoutMs: number;

  constructor(config: FfmpegEncoderConfig, deps: EncoderDeps) {
    this.id = config.id;
    this.binary = config.ffmpegPath ?? DEFAULTS.ffmpegPath;
    this.#clock = deps.clock;
    this.#startTimeoutMs = config.startTimeoutMs ?? DEFAULTS.startTimeoutMs;
    const period = config.progressPeriodMs ?? DEFAULTS.progressPeriodMs;
    const runners = config.outputs.map((output) => {
      const settings = {
        binary: this.binary,
        input: config.input,
        output,
        progressPeriodMs: period,
        stallAfterMs: config.stallAfterMs ?? 2 * period,
        stopTimeoutMs: config.stopTimeoutMs ?? DEFAULTS.stopTimeoutMs,
        ioTimeoutMs: config.ioTimeoutMs ?? DEFAULTS.ioTimeoutMs,
      };
      return new OutputRunner(settings, deps.clock, deps.log.child({ encoder: this.id, output: output.id }));
    });
    this.#runners = new Map(runners.map((runner) => [runner.id, runner]));
  }

  /** Every output in config order. */
  outputs(): OutputSnapshot[] {
    return [...this.#runners.values()].map((runner) => runner.snapshot());
  }

  output(outputId: string): OutputSnapshot {
    return this.#runner(outputId).snapshot();
  }

  diagnostics(outputId: string): OutputDiagnostics {
    return this.#runner(outputId).diagnostics();
  }

  /** Whether the ffmpeg binary can be run (checked on each call: it may be removed or replaced). */
  async binaryAvailable(): Promise<boolean> {
    return (await findExecutable(this.binary)) !== undefined;
  }

  /**
   * Starts an output and reads its state back until it is `active` (confirmed) or `failed` (the
   * process ended or stalled), or the deadline passes (`confirmed: false`, still `starting`).
   */
  async start(outputId: string, signal?: AbortSignal): Promise<Confirmation> {
    const runner = this.#runner(outputId);
    await runner.start();
    const result = await confirmState({
      read: async () => runner.snapshot().state,
      want: ['active', 'failed'],
      clock: this.#clock,
      deadlineMs: this.#startTimeoutMs,
      intervalMs: CONFIRM_INTERVAL_MS,
      signal,
    });
    return { ...result, confirmed: result.state === 'active' };
  }

  /** Stops an output; resolves once its process has exited (confirmed when it reads back `idle`). */
  async stop(outputId: string): Promise<Confirmation> {
    const started = this.#clock.now();
    const runner = this.#runner(outputId);
    await runner.stop();
    const state = runner.snapshot().state;
    return { confirmed: state === 'idle', state, elapsedMs: this.#clock.now() - started };
  }

  /** Stops every output; waits for every process to exit. Safe to call twice. */
  async close(): Promise<void> {
    await Promise.all([...this.#runners.values()].map((runner) => runner.stop()));
  }

  #runner(outputId: string): OutputRunner {
    const runner = this.#runners.get(outputId);
    if (!runner)
      throw new DriverError('EM_DRIVER_UNSUPPORTED', `encoder ${this.id} has no output "${outputId}"`, {
        hint: `use one of: ${[...this.#runners.keys()].join(', ')}`,
      });
    return runner;
  }
}
