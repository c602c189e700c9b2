import {
  assertUniqueEncoderIds,
  definePlugin,
  provideEncoderDrivers,
  type EncoderDriver,
} from '@encoder-manager/sdk';
import { configSchema } from './config.js';
import { createAjaHeloDriver } from './driver.js';

export { configSchema, DEFAULTS, HELO_MODELS } from './config.js';
export type { DriverAjaHeloConfig, HeloEncoderConfig, HeloModel } from './config.js';
export { createAjaHeloDriver, HELO_CAPABILITIES, type HeloDriverDeps } from './driver.js';
export { PARAM, RECORD_STATES, REPLICATOR_COMMAND, STREAM_STATES } from './params.js';
export {
  startAjaHeloSimulator,
  type AjaHeloSimulator,
  type AjaHeloSimulatorOptions,
} from './simulator/index.js';

/** AJA HELO / HELO Plus encoders: record and stream state, temperature, media, start/stop and reboot. */
export const driverAjaHeloPlugin = definePlugin({
  name: 'driver-aja-helo',
  version: '0.1.0',
  sdk: '^1.0.0',
  kind: 'driver',
  description:
    'AJA HELO and HELO Plus encoders over their HTTP /config API: record/stream state, temperature, ' +
    'media free space, start/stop confirmed by reading the state back, reboot, optional password login.',
  configSchema,
  setup(ctx, config) {
    assertUniqueEncoderIds('driver-aja-helo', config.encoders);
    const drivers: EncoderDriver[] = config.encoders.map((encoder) =>
      createAjaHeloDriver(encoder, { clock: ctx.clock, log: ctx.log }),
    );
    const instance = provideEncoderDrivers(ctx, drivers);
    ctx.log.info({ encoders: drivers.map((d) => d.id) }, `watching ${drivers.length} HELO encoder(s)`);
    return instance;
  },
});

export default driverAjaHeloPlugin;
