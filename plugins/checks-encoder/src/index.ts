import { checksRef, definePlugin, type Check } from '@encoder-manager/sdk';
import { bitrateCheck } from './checks/bitrate.js';
import { droppedFramesCheck } from './checks/dropped-frames.js';
import { fpsCheck } from './checks/fps.js';
import { CPU, gaugeCheck, MEMORY } from './checks/gauge.js';
import { linkErrorsCheck } from './checks/link-errors.js';
import { outputStateCheck } from './checks/output-state.js';
import { reachabilityCheck } from './checks/reachability.js';
import { temperatureCheck } from './checks/temperature.js';
import { configSchema } from './config/schema.js';
import { SettingsResolver } from './config/settings.js';

export { configSchema, type ChecksEncoderConfig, type Override } from './config/schema.js';
export type { CheckSettings } from './config/sections.js';
export { SettingsResolver } from './config/settings.js';
export { fitLine, minutesUntil, slopeSigmas, type LinearFit } from './regression.js';
export { counterIncrease, type Point } from './series.js';

/** Every check this plugin provides, built on one settings resolver. */
export function createChecks(settings: SettingsResolver): Check[] {
  return [
    reachabilityCheck(settings),
    outputStateCheck(settings),
    droppedFramesCheck(settings),
    bitrateCheck(settings),
    fpsCheck(settings),
    temperatureCheck(settings),
    gaugeCheck(CPU, settings),
    gaugeCheck(MEMORY, settings),
    linkErrorsCheck(settings),
  ];
}

/** Encoder health checks over each sample and its history: pure functions the core runs on every poll. */
export const checksEncoderPlugin = definePlugin({
  name: 'checks-encoder',
  version: '0.1.0',
  sdk: '^1.0.0',
  kind: 'check',
  description:
    'Encoder health checks: reachability, output state, dropped frames, bitrate, fps, temperature with ' +
    'time-to-limit prediction, CPU, memory and link errors, with per-encoder overrides.',
  configSchema,
  setup(ctx, config) {
    const settings = new SettingsResolver(config);
    const checks = createChecks(settings);
    for (const check of checks) ctx.provide(checksRef, check);
    ctx.log.debug(
      { checks: checks.map((c) => c.name), overrides: config.overrides.length },
      'checks provided',
    );
  },
});

export default checksEncoderPlugin;
