import { assertUniqueEncoderIds, definePlugin, provideEncoderDrivers } from '@encoder-manager/sdk';
import { configSchema } from './config.js';
import { createObsDriver } from './driver.js';

export { configSchema, DEFAULTS } from './config.js';
export type { DriverObsConfig, ObsEncoderConfig } from './config.js';
export { createObsDriver, OBS_CAPABILITIES } from './driver.js';
export { authenticationString } from './protocol.js';
export { OBS_OUTPUTS } from './reader.js';
export { CONGESTION_DEGRADED, mergeState, OBS_STATE_MAP } from './states.js';

/** OBS Studio over obs-websocket v5: stream and record state (pushed and polled), CPU, dropped frames. */
export const driverObsPlugin = definePlugin({
  name: 'driver-obs',
  version: '0.1.0',
  sdk: '^1.0.0',
  kind: 'driver',
  description:
    'OBS Studio over obs-websocket v5 (rpcVersion 1, SHA-256 challenge auth): stream and record state from ' +
    'pushed events and polls, start/stop confirmed by read-back, CPU %, fps, dropped frames, bitrate.',
  configSchema,
  setup(ctx, config) {
    assertUniqueEncoderIds('driver-obs', config.encoders);
    const drivers = config.encoders.map((encoder) =>
      createObsDriver(encoder, { clock: ctx.clock, log: ctx.log }),
    );
    const instance = provideEncoderDrivers(ctx, drivers);
    const ids = drivers.map((driver) => driver.id);
    ctx.log.info({ encoders: ids }, `watching ${ids.length} OBS instance${ids.length === 1 ? '' : 's'}`);
    return instance;
  },
});

export default driverObsPlugin;
