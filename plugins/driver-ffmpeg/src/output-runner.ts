import type { Clock, Logger, OutputState } from '@encoder-manager/sdk';
import { buildArgs, isNetworkUrl, sourceOf, targetOf, type ProcessSpec } from './args.js';
import type { FfmpegInputConfig, FfmpegOutputConfig } from './config.js';
import { FfmpegProcess, type ProcessExit } from './ffmpeg-process.js';
import { deriveState, type Phase } from './output-state.js';
import type { ProgressBlock, ProgressResult } from './progress.js';
import { destinationOf, redactorFor } from './redact.js';
import { classifyFailure, type Failure } from './signatures.js';
import { liveFigures, RunState, type RunTimings } from './run-state.js';

/** The settings one output's runner needs. */
export interface RunnerSettings {
  readonly binary: string;
  readonly input: FfmpegInputConfig;
  readonly output: FfmpegOutputConfig;
  readonly progressPeriodMs: number;
  readonly stallAfterMs: number;
  readonly stopTimeoutMs: number;
  readonly ioTimeoutMs: number;
}

/** One output as the driver reports it, plus what ffmpeg said about it. */
export interface OutputSnapshot {
  readonly id: string;
  readonly kind: 'stream' | 'record';
  readonly state: OutputState;
  readonly raw: string;
  readonly destination: string;
  readonly bitrateKbps?: number;
  readonly fps?: number;
  readonly speed?: number;
  readonly droppedFrames?: number;
  readonly pid?: number;
  /** Set while the latest progress output could not be parsed. */
  readonly protocolError?: { readonly reason: string; readonly raw: string };
  readonly failure?: Failure;
}

/** For diagnosis: the last stderr lines and the last block, secrets redacted. */
export interface OutputDiagnostics {
  readonly pid?: number;
  readonly timings?: RunTimings;
  readonly args: readonly string[];
  readonly stderrTail: readonly string[];
  readonly lastBlock?: ProgressBlock;
  readonly exit?: ProcessExit;
  readonly failure?: Failure;
}

/** Runs one output as one ffmpeg process: start, stop, and its state from progress and stderr. */
export class OutputRunner {
  #phase: Phase = 'idle';
  #everStarted = false;
  #process: FfmpegProcess | undefined;
  #run: RunState | undefined;
  #failure: Failure | undefined;
  #busy: Promise<unknown> = Promise.resolve();
  readonly #redact: (text: string) => string;

  constructor(
    private readonly settings: RunnerSettings,
    private readonly clock: Clock,
    private readonly log: Logger,
  ) {
    const target = redactorFor(targetOf(settings.output, 0));
    const source = redactorFor(sourceOf(settings.input));
    this.#redact = (text) => source(target(text));
  }

  get id(): string {
    return this.settings.output.id;
  }

  /** Ensures a process is running: spawns one unless a healthy one already runs (a stalled one is replaced). */
  start(): Promise<void> {
    return this.#serial(async () => {
      if (this.#phase === 'running' && this.snapshot().state !== 'failed') return;
      await this.#terminate();
      this.#spawn();
    });
  }

  /** Stops the process (SIGINT → SIGTERM → SIGKILL) and waits until it has exited. */
  stop(): Promise<void> {
    return this.#serial(async () => {
      await this.#terminate();
      this.#phase = 'idle';
      this.#failure = undefined;
    });
  }

  snapshot(): OutputSnapshot {
    const { output } = this.settings;
    const run = this.#run;
    const now = this.clock.now();
    const lastAdvanceAt = run?.stats.lastAdvanceAt;
    const { state, raw } = deriveState({
      phase: this.#phase,
      network: isNetworkUrl(output.url),
      everStarted: this.#everStarted,
      failure: this.#failure,
      opened: run?.stderr.opened !== undefined,
      framesFlowing: (run?.stats.last?.block.frame ?? 0) > 0,
      sinceAdvanceMs: lastAdvanceAt === undefined ? undefined : now - lastAdvanceAt,
      stallAfterMs: this.settings.stallAfterMs,
      pid: this.#process?.pid,
    });
    const live = this.#phase === 'running' && run !== undefined;
    const stalled = live && state === 'failed';
    return {
      id: output.id,
      kind: output.kind,
      state,
      raw,
      destination: destinationOf(targetOf(output, run?.startedAt ?? now)),
      ...(live ? liveFigures(run, stalled) : {}),
      droppedFrames: run?.stats.droppedFrames(),
      pid: live ? this.#process?.pid : undefined,
      protocolError: live ? run.protocolError : undefined,
      failure: this.#failure,
    };
  }

  diagnostics(): OutputDiagnostics {
    return {
      pid: this.#process?.pid,
      timings: this.#run?.timings,
      args: (this.#run?.args ?? []).map(this.#redact),
      stderrTail: this.#run?.stderr.tail() ?? [],
      lastBlock: this.#run?.stats.last?.block,
      exit: this.#process?.exit,
      failure: this.#failure,
    };
  }

  #spawn(): void {
    const startedAt = this.clock.now();
    const spec: ProcessSpec = { ...this.settings, startedAt };
    const run = new RunState(buildArgs(spec), startedAt, this.#redact);
    const process = new FfmpegProcess(this.settings.binary, run.args, {
      onProgressLine: (line) => this.#onProgress(run, run.parser.push(line)),
      onLogLine: (line) => this.#onLog(run, line),
    });
    [this.#run, this.#process, this.#phase, this.#failure] = [run, process, 'running', undefined];
    this.#everStarted = true;
    this.log.debug({ pid: process.pid, args: run.args.map(this.#redact) }, 'ffmpeg spawned');
    void process.exited.then((exit) => this.#onExit(process, run, exit));
  }

  #onLog(run: RunState, line: string): void {
    run.stderr.push(line);
    if (run.stderr.opened && run.timings.openedAt === undefined) run.timings.openedAt = this.clock.now();
  }

  #onProgress(run: RunState, result: ProgressResult | undefined): void {
    if (!result) return;
    run.timings.firstProgressAt ??= this.clock.now();
    if (!result.ok) {
      run.protocolError = { reason: result.reason, raw: this.#redact(result.raw) };
      return;
    }
    run.protocolError = undefined;
    run.stats.add(this.clock.now(), result.block, run.stderr.nominalFps);
    run.ended ||= result.block.end;
    if (result.block.frame > 0) run.timings.firstFrameAt ??= this.clock.now();
  }

  #onExit(process: FfmpegProcess, run: RunState, exit: ProcessExit): void {
    if (process !== this.#process || this.#phase !== 'running') return;
    this.#failure = exit.spawnError
      ? { token: 'SPAWN_FAILED', line: exit.spawnError, code: 'EM_DRIVER_UNREACHABLE' }
      : classifyFailure(
          run.stderr.errors(),
          { ...exit, ended: run.ended, receivedSignal: run.stderr.receivedSignal },
          this.#redact(sourceOf(this.settings.input)),
        );
    this.#phase = 'failed';
    this.log.warn(
      { pid: process.pid, exit, failure: this.#failure, stderrTail: run.stderr.tail().slice(-12) },
      `ffmpeg for output ${this.id} failed: ${this.#failure.token}`,
    );
  }

  async #terminate(): Promise<void> {
    const process = this.#process;
    if (!process || process.exit) return;
    this.#phase = 'stopping';
    const outcome = await process.terminate(this.clock, this.settings.stopTimeoutMs);
    this.log.debug({ pid: process.pid, outcome, exit: process.exit }, 'ffmpeg stopped');
    if (outcome === 'unkillable') this.log.error({ pid: process.pid }, 'ffmpeg did not die after SIGKILL');
  }

  #serial<T>(work: () => Promise<T>): Promise<T> {
    const next = this.#busy.then(work, work);
    this.#busy = next.catch(() => undefined);
    return next;
  }
}
