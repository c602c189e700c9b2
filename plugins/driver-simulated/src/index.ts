import { definePlugin, encoderDriversRef } from '@encoder-manager/sdk';
import { configSchema, DEFAULTS } from './config.js';
import { createSimulatedDriver } from './driver.js';
import { resolveEncoders } from './encoders.js';
import { faultWindowsFor } from './faults.js';
import { deriveSeed } from './random.js';
import { PROFILES, SimulatedEncoder } from './simulation.js';

export { configSchema, DEFAULTS, FAULT_KINDS, PROFILE_NAMES } from './config.js';
export type {
  DriverSimulatedConfig,
  FaultConfig,
  FaultKind,
  ProfileName,
  SimulatedEncoderConfig,
} from './config.js';
export { SIMULATED_CAPABILITIES, SLOW_REPLY_FACTOR } from './driver.js';
export { SIM, PROFILES } from './simulation.js';

/** Virtual encoders with realistic, changing samples: a live agent without hardware, and fault injection for tests. */
export const driverSimulatedPlugin = definePlugin({
  name: 'driver-simulated',
  version: '0.1.0',
  sdk: '^1.0.0',
  kind: 'driver',
  description:
    'Virtual encoders that produce realistic, changing samples (stream/record outputs, temperature, CPU, bitrate, ' +
    'dropped frames), with injectable faults, so an agent shows something live without hardware.',
  configSchema,
  setup(ctx, config) {
    const startedAt = ctx.clock.now();
    const seed = config.seed ?? DEFAULTS.seed;
    const faults = config.faults ?? [];
    const encoders = resolveEncoders(config);

    for (const spec of encoders) {
      const encoder = new SimulatedEncoder({
        id: spec.id,
        profile: spec.profile,
        seed: deriveSeed(seed, spec.id),
        startedAt,
        faults: faultWindowsFor(spec.id, faults, startedAt),
      });
      const driver = createSimulatedDriver({
        encoder,
        clock: ctx.clock,
        log: ctx.log,
        model: spec.model ?? PROFILES[spec.profile].model,
        labels: spec.labels,
        pollIntervalMs: spec.pollIntervalMs,
        signal: ctx.signal,
      });
      ctx.provide(encoderDriversRef, driver);
    }

    ctx.log.info(
      { encoders: encoders.length, ids: encoders.map((encoder) => encoder.id), faults: faults.length, seed },
      `created ${encoders.length} simulated encoder${encoders.length === 1 ? '' : 's'}`,
    );
    // Nothing to release: the model has no timers, and slow replies end with ctx.signal.
  },
});

export default driverSimulatedPlugin;
