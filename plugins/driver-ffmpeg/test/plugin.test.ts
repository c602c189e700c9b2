import { expect } from 'chai';
import { Ajv } from 'ajv';
import { EmError, encoderDriversRef, type EncoderDriver, type PluginInstance } from '@encoder-manager/sdk';
import { createTestContext } from '@encoder-manager/sdk/testing';
import { startNginxRtmp, type NginxRtmp } from '../../../test/helpers/nginx-rtmp.js';
import driverFfmpegPlugin, {
  buildArgs,
  configSchema,
  driverFfmpegPlugin as named,
  type DriverFfmpegConfig,
  type FfmpegDriver,
} from '../src/index.js';
import { clock, encoderConfig, eventually, ffmpegChildren, processExists } from './helpers.js';

const ajv = new Ajv({ useDefaults: true, strict: false, allErrors: true });
const validate = ajv.compile(configSchema);

/** Validates and defaults a config as the host does. */
function defaulted(raw: unknown): DriverFfmpegConfig {
  const copy: unknown = structuredClone(raw);
  if (!validate(copy)) throw new Error(ajv.errorsText(validate.errors));
  return copy as DriverFfmpegConfig;
}

describe('driver-ffmpeg plugin', function () {
  this.timeout(20_000);
  let nginx: NginxRtmp;
  before(async () => (nginx = await startNginxRtmp()));
  after(() => nginx.stop());

  it('exports the definition as default and named export', () => {
    expect(driverFfmpegPlugin).to.equal(named);
    expect(driverFfmpegPlugin).to.include({ name: 'driver-ffmpeg', kind: 'driver', sdk: '^1.0.0' });
  });

  it('validates and defaults the README example config', () => {
    const config = defaulted({
      encoders: [
        {
          id: 'studio-a',
          input: { type: 'testsrc' },
          outputs: [{ id: 'live', kind: 'stream', url: 'rtmp://127.0.0.1:1935/live', streamKey: 'studio-a' }],
        },
      ],
    });
    const [encoder] = config.encoders;
    expect(encoder).to.include({
      autoStart: false,
      ffmpegPath: 'ffmpeg',
      pollIntervalMs: 1000,
      progressPeriodMs: 500,
    });
    // Defaults inside the input union are not filled by the validator (anyOf); the driver applies them.
    const args = buildArgs({
      input: encoder!.input,
      output: encoder!.outputs[0]!,
      progressPeriodMs: 500,
      ioTimeoutMs: 5000,
      startedAt: 0,
    });
    expect(args).to.include.members([
      'testsrc2=size=1280x720:rate=30',
      'sine=frequency=1000:sample_rate=48000',
    ]);
    expect(encoder?.outputs[0]).to.include({
      videoBitrateKbps: 2500,
      preset: 'veryfast',
      tune: 'zerolatency',
      gopSeconds: 2,
    });
    expect(() => defaulted({ encoders: [{ id: 'a', input: { type: 'webcam' }, outputs: [] }] })).to.throw(
      /input/,
    );
  });

  it('provides one driver per encoder, with labels and capabilities', async () => {
    const t = createTestContext({ name: 'driver-ffmpeg', clock });
    try {
      const config = defaulted({
        encoders: [
          { ...encoderConfig(nginx.rtmpUrl('live', 'a'), { id: 'enc-a' }), labels: { room: 'a' } },
          encoderConfig(nginx.rtmpUrl('live', 'b'), { id: 'enc-b', pollIntervalMs: 500 }),
        ],
      });
      await driverFfmpegPlugin.setup(t.ctx, config);
      const drivers = t.ctx.useAll(encoderDriversRef);
      expect(drivers.map((d: EncoderDriver) => [d.id, d.family, d.pollIntervalMs])).to.deep.equal([
        ['enc-a', 'ffmpeg', 1000],
        ['enc-b', 'ffmpeg', 500],
      ]);
      expect(drivers[0]?.labels).to.deep.equal({ room: 'a' });
      expect(drivers[0]?.capabilities).to.have.members([
        'stream',
        'record',
        'droppedFrames',
        'bitrate',
        'reboot',
      ]);
      const sample = await drivers[0]!.poll(AbortSignal.timeout(2000));
      expect(sample.outputs).to.deep.equal([
        {
          id: 'main',
          kind: 'stream',
          state: 'idle',
          raw: 'IDLE',
          destination: nginx.rtmpUrl('live', 'a').replace(/\/a$/, ''),
        },
      ]);
      expect(sample.metrics).to.deep.equal({ droppedFrames: 0 });
    } finally {
      await t.stop();
    }
  });

  it('refuses duplicate encoder ids and duplicate output ids', async () => {
    const t = createTestContext({ name: 'driver-ffmpeg', clock });
    try {
      const one = encoderConfig('rtmp://127.0.0.1:1/live/x');
      const dupEncoders = defaulted({ encoders: [one, one] });
      expect(() => driverFfmpegPlugin.setup(t.ctx, dupEncoders)).to.throw(
        EmError,
        /duplicate encoder id "enc-test"/,
      );
      const dupOutputs = defaulted({ encoders: [{ ...one, outputs: [...one.outputs, ...one.outputs] }] });
      expect(() => driverFfmpegPlugin.setup(t.ctx, dupOutputs)).to.throw(EmError, /has two outputs "main"/);
      expect(t.provided.size).to.equal(0);
    } finally {
      await t.stop();
    }
  });

  it('auto-starts outputs when ready, and leaves no ffmpeg behind when the plugin stops', async () => {
    const t = createTestContext({ name: 'driver-ffmpeg', clock });
    const config = defaulted({
      encoders: [encoderConfig(nginx.rtmpUrl('live', 'auto'), { autoStart: true })],
    });
    const instance = (await driverFfmpegPlugin.setup(t.ctx, config)) as PluginInstance;
    await instance.ready?.();
    const [driver] = t.ctx.useAll(encoderDriversRef) as FfmpegDriver[];
    await eventually(
      () => driver!.encoder.output('main').state,
      (state) => state === 'active',
      10_000,
    );
    const pid = driver!.encoder.output('main').pid!;
    expect(ffmpegChildren().map((child) => child.pid)).to.include(pid);
    // The auto-start is confirmed by read-back a moment after the state turns active; wait for it.
    await eventually(
      () => t.logs.some((r) => r.msg === 'auto-started output'),
      (logged) => logged,
      10_000,
    );
    await instance.stop?.();
    await t.stop();
    expect(ffmpegChildren()).to.deep.equal([]);
    expect(processExists(pid)).to.equal(false);
  });
});
