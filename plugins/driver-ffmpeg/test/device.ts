import { closeSync, constants, mkdtempSync, openSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DriverSimulatorHandle, SimulatorFault } from '@encoder-manager/sdk/testing';
import { startNginxRtmp, type NginxRtmp } from '../../../test/helpers/nginx-rtmp.js';
import { FfmpegEncoder, type FfmpegEncoderConfig } from '../src/index.js';
import { findExecutable } from '../src/executable.js';
import { clock, encoderConfig, eventually, memoryLog } from './helpers.js';

const GARBAGE_EVERY_MS = 100;

/**
 * The device's "ffmpeg": the real ffmpeg with its stdout (the -progress channel) relayed through a FIFO
 * named after the wrapper's pid, which the device writes junk into for the `garbled` fault. INT/TERM
 * are ignored by the shell and the relay (ffmpeg installs its own handlers), so a stop still lets
 * ffmpeg finish and the relay drain; the driver signals the whole process group as always.
 */
const wrapperScript = (ffmpeg: string) => `#!/bin/sh
trap '' INT TERM
fifo="$0.progress.$$"
mkfifo "$fifo" || exit 1
cat "$fifo" &
exec 3>"$fifo"
${JSON.stringify(ffmpeg)} "$@" >&3
code=$?
exec 3>&-
wait
rm -f "$fifo"
exit $code
`;

/**
 * The conformance suite's "device" for a software encoder: a real FfmpegEncoder (the ffmpeg processes)
 * publishing to a real nginx-rtmp, run through the device's own ffmpeg wrapper. Faults are real:
 * `ignore-commands` freezes nginx (SIGSTOP: the kernel accepts the TCP connection, RTMP never answers),
 * `garbled` writes junk into the progress stream of the running ffmpeg, and close() removes the
 * wrapper, so nothing can start any more.
 */
export class FfmpegDevice implements DriverSimulatorHandle {
  readonly config: FfmpegEncoderConfig;
  readonly encoder: FfmpegEncoder;
  #garbler: ReturnType<typeof setInterval> | undefined;
  #frozen = false;

  private constructor(
    readonly nginx: NginxRtmp,
    private readonly binDir: string,
  ) {
    this.config = encoderConfig(nginx.rtmpUrl('live', 'conformance'), {
      id: 'conformance',
      ffmpegPath: join(binDir, 'ffmpeg'),
      startTimeoutMs: 3000,
    });
    this.encoder = new FfmpegEncoder(this.config, { clock, log: memoryLog() });
  }

  static async start(): Promise<FfmpegDevice> {
    const ffmpeg = await findExecutable('ffmpeg');
    if (!ffmpeg) throw new Error('ffmpeg is not installed (apt-get install ffmpeg)');
    const binDir = mkdtempSync(join(tmpdir(), 'em-ffmpeg-bin-'));
    writeFileSync(join(binDir, 'ffmpeg'), wrapperScript(ffmpeg), { mode: 0o755 });
    return new FfmpegDevice(await startNginxRtmp(), binDir);
  }

  get url(): string {
    return this.config.outputs[0]!.url;
  }

  /** As an operator would: starts or stops the ffmpeg process without going through the driver. */
  async setOutput(outputId: string, state: 'idle' | 'active'): Promise<void> {
    if (state === 'idle') {
      await this.encoder.stop(outputId);
      return;
    }
    const result = await this.encoder.start(outputId);
    if (!result.confirmed)
      throw new Error(`device: ${outputId} did not start (${this.encoder.output(outputId).raw})`);
  }

  async inject(fault: SimulatorFault): Promise<void> {
    if (fault === 'ignore-commands') {
      process.kill(this.nginx.pid, 'SIGSTOP');
      this.#frozen = true;
    } else if (fault === 'garbled') {
      await this.#garble(this.config.outputs[0]!.id);
    } else {
      throw new Error(`fault ${fault} is not applicable to ffmpeg (declared in the conformance options)`);
    }
  }

  async clearFaults(): Promise<void> {
    if (this.#frozen) process.kill(this.nginx.pid, 'SIGCONT');
    this.#frozen = false;
    if (this.#garbler === undefined) return;
    clearInterval(this.#garbler);
    this.#garbler = undefined;
    // The next block ffmpeg writes is clean again; wait for it to arrive.
    await eventually(
      () => this.encoder.outputs().some((o) => o.protocolError),
      (garbled) => !garbled,
    );
  }

  async close(): Promise<void> {
    clearInterval(this.#garbler);
    await this.encoder.close();
    await this.nginx.stop();
    rmSync(this.binDir, { recursive: true, force: true });
  }

  /** Writes junk lines into the running ffmpeg's progress FIFO, every 100 ms, until faults are cleared. */
  async #garble(outputId: string): Promise<void> {
    await this.setOutput(outputId, 'active');
    const pid = this.encoder.output(outputId).pid!;
    const fifo = join(this.binDir, `ffmpeg.progress.${pid}`);
    const fd = openSync(fifo, constants.O_WRONLY | constants.O_NONBLOCK);
    const write = () => writeSync(fd, '\u00ff\u00fe#garbage from the test device\n');
    write();
    this.#garbler = setInterval(write, GARBAGE_EVERY_MS);
    this.#garbler.unref();
    const stop = this.#garbler;
    // Close our end when garbling stops: the relay ends only when its last writer is gone.
    const closeWhenDone = setInterval(() => {
      if (this.#garbler === stop) return;
      clearInterval(closeWhenDone);
      closeSync(fd);
    }, GARBAGE_EVERY_MS);
    await eventually(
      () => this.encoder.output(outputId).protocolError,
      (error) => error !== undefined,
    );
  }
}
