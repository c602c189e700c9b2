import {
  assertUniqueEncoderIds,
  definePlugin,
  provideEncoderDrivers,
  type EncoderDriver,
} from '@encoder-manager/sdk';
import { configSchema } from './config.js';
import { createMatroxMonarchDriver } from './driver.js';

export { configSchema, DEFAULTS } from './config.js';
export type { DriverMatroxMonarchConfig, MonarchEncoderConfig } from './config.js';
export { createMatroxMonarchDriver, MONARCH_CAPABILITIES, type MonarchDriverDeps } from './driver.js';
export { MONARCH_STATES, monarchState } from './states.js';
export { parseGetStatus, type MonarchChannel, type MonarchStatus } from './status.js';
export { MONARCH_VARIANTS, VARIANTS, type MonarchVariant } from './variants.js';
export {
  startMatroxMonarchSimulator,
  type MatroxMonarchSimulator,
  type MatroxMonarchSimulatorOptions,
} from './simulator/index.js';

/** Matrox Monarch HD/HDX/LCS and Datavideo NVS-30 encoders over the sdk.aspx text API. */
export const driverMatroxMonarchPlugin = definePlugin({
  name: 'driver-matrox-monarch',
  version: '0.1.0',
  sdk: '^1.0.0',
  kind: 'driver',
  description:
    'Matrox Monarch HD/HDX/LCS (and Datavideo NVS-30) encoders over sdk.aspx: GetStatus output states, ' +
    'start/stop confirmed by reading the state back, commands serialised per device with RETRY backoff.',
  configSchema,
  setup(ctx, config) {
    assertUniqueEncoderIds('driver-matrox-monarch', config.encoders);
    const drivers: EncoderDriver[] = config.encoders.map((encoder) =>
      createMatroxMonarchDriver(encoder, { clock: ctx.clock, log: ctx.log }),
    );
    const instance = provideEncoderDrivers(ctx, drivers);
    ctx.log.info({ encoders: drivers.map((d) => d.id) }, `watching ${drivers.length} Monarch encoder(s)`);
    return instance;
  },
});

export default driverMatroxMonarchPlugin;
