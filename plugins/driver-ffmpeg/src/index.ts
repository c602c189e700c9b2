import { definePlugin, EmError, encoderDriversRef, errorMessageOf, type Logger } from '@encoder-manager/sdk';
import { configSchema, type DriverFfmpegConfig } from './config.js';
import { createFfmpegDriver, type FfmpegDriver } from './driver.js';

export { buildArgs, targetOf, sourceOf, type ProcessSpec } from './args.js';
export { configSchema, DEFAULTS } from './config.js';
export type {
  DriverFfmpegConfig,
  FfmpegEncoderConfig,
  FfmpegInputConfig,
  FfmpegOutputConfig,
} from './config.js';
export {
  createFfmpegDriver,
  FFMPEG_CAPABILITIES,
  type FfmpegDriver,
  type FfmpegDriverOptions,
} from './driver.js';
export { FfmpegEncoder, type EncoderDeps } from './encoder.js';
export type { OutputDiagnostics, OutputSnapshot } from './output-runner.js';
export type { RunTimings } from './run-state.js';
export { deriveState, type DerivedState, type Phase, type StateFacts } from './output-state.js';
export { parseProgressBlock, ProgressParser, type ProgressBlock, type ProgressResult } from './progress.js';
export { destinationOf, redactTarget } from './redact.js';
export { classifyFailure, SIGNATURES, type ExitInfo, type Failure } from './signatures.js';
export { parseLogLine, StderrLog } from './stderr-log.js';

/** Software encoders: ffmpeg processes publishing a test pattern, a file or a live URL to RTMP/SRT/files. */
export const driverFfmpegPlugin = definePlugin({
  name: 'driver-ffmpeg',
  version: '0.1.0',
  sdk: '^1.0.0',
  kind: 'driver',
  description:
    'Runs ffmpeg as a software encoder (test pattern, file or URL → RTMP/SRT/file, one process per output) ' +
    'and reports its progress, failure signatures and stalls.',
  configSchema,
  setup(ctx, config) {
    assertUniqueIds(config);
    const drivers = config.encoders.map((encoder) =>
      createFfmpegDriver(encoder, { clock: ctx.clock, log: ctx.log }),
    );
    for (const driver of drivers) ctx.provide(encoderDriversRef, driver);
    return {
      ready() {
        for (const [index, encoder] of config.encoders.entries()) {
          if (encoder.autoStart) autoStart(drivers[index]!, ctx.log, ctx.signal);
        }
      },
      async stop() {
        await Promise.all(drivers.map((driver) => driver.close?.()));
      },
    };
  },
});

export default driverFfmpegPlugin;

/** Starts every output of an encoder without holding up the agent; the outcome is logged. */
function autoStart(driver: FfmpegDriver, log: Logger, signal: AbortSignal): void {
  for (const output of driver.encoder.outputs()) {
    driver.control({ type: 'start', outputId: output.id }, signal).then(
      (result) => log.info({ encoder: driver.id, output: output.id, ...result }, 'auto-started output'),
      (error: unknown) =>
        log.warn(
          { encoder: driver.id, output: output.id, error: errorMessageOf(error) },
          'auto-start failed',
        ),
    );
  }
}

function assertUniqueIds(config: DriverFfmpegConfig): void {
  const duplicate = (ids: string[]) => ids.find((id, index) => ids.indexOf(id) !== index);
  const encoder = duplicate(config.encoders.map((e) => e.id));
  if (encoder !== undefined)
    throw new EmError('EM_CONFIG_INVALID', `driver-ffmpeg: duplicate encoder id "${encoder}"`, {
      hint: 'give every entry of encoders a unique id',
    });
  for (const entry of config.encoders) {
    const output = duplicate(entry.outputs.map((o) => o.id));
    if (output !== undefined)
      throw new EmError(
        'EM_CONFIG_INVALID',
        `driver-ffmpeg: encoder "${entry.id}" has two outputs "${output}"`,
        {
          hint: 'give every output of an encoder a unique id',
        },
      );
  }
}
