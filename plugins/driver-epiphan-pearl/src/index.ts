import { assertUniqueEncoderIds, definePlugin, provideEncoderDrivers } from '@encoder-manager/sdk';
import { configSchema } from './config.js';
import { createEpiphanPearlDriver } from './driver.js';

export { configSchema, DEFAULTS } from './config.js';
export type { DriverEpiphanPearlConfig, PearlEncoderConfig } from './config.js';
export { createEpiphanPearlDriver, PEARL_CAPABILITIES } from './driver.js';
export { parseOutputId, publisherOutputId, recorderOutputId } from './outputs.js';
export { PUBLISHER_STATE_MAP, RECORDER_STATE_MAP } from './states.js';

/** Epiphan Pearl encoders over REST API v2.0: publishers and recorders, CPU load and temperature. */
export const driverEpiphanPearlPlugin = definePlugin({
  name: 'driver-epiphan-pearl',
  version: '0.1.0',
  sdk: '^1.0.0',
  kind: 'driver',
  description:
    'Epiphan Pearl (Pearl-2, Mini, Nano) over REST API v2.0: channel publishers (streams) and recorders, ' +
    'start/stop confirmed by read-back, CPU load, CPU temperature, SRT send rate, reboot.',
  configSchema,
  setup(ctx, config) {
    assertUniqueEncoderIds('driver-epiphan-pearl', config.encoders);
    const drivers = config.encoders.map((encoder) =>
      createEpiphanPearlDriver(encoder, { clock: ctx.clock, log: ctx.log }),
    );
    const instance = provideEncoderDrivers(ctx, drivers);
    const ids = drivers.map((driver) => driver.id);
    ctx.log.info({ encoders: ids }, `watching ${ids.length} Pearl encoder${ids.length === 1 ? '' : 's'}`);
    return instance;
  },
});

export default driverEpiphanPearlPlugin;
