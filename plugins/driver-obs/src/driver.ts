import {
  classifyNetworkError,
  unreachableSample,
  type Capability,
  type Clock,
  type EncoderDriver,
  type Logger,
} from '@encoder-manager/sdk';
import { DEFAULTS, type ObsEncoderConfig } from './config.js';
import { runObsControl } from './control.js';
import { ObsReader } from './reader.js';
import { ObsSession } from './session.js';

/**
 * What OBS reports (docs/encoders.md §6): CPU %, dropped (skipped) frames, bitrate from byte counters and
 * pushed state events. No temperature, input signal or reboot; memory is in MB with no total, so no memPct.
 */
export const OBS_CAPABILITIES: readonly Capability[] = [
  'stream',
  'record',
  'cpu',
  'droppedFrames',
  'bitrate',
  'pushEvents',
];

/** Services the driver uses. */
export interface ObsDriverDeps {
  readonly clock: Clock;
  readonly log: Logger;
}

/** Creates the driver for one OBS instance. Connects on the first poll, then keeps the session open. */
export function createObsDriver(config: ObsEncoderConfig, deps: ObsDriverDeps): EncoderDriver {
  const url = `ws://${config.host}:${config.port ?? DEFAULTS.port}`;
  const log = deps.log.child({ encoder: config.id });
  // The reader asks the session for a socket; the session hands pushed events to the reader.
  const reader = new ObsReader((signal) => session.socket(signal), deps.clock, log);
  const session = new ObsSession({
    url,
    password: config.password,
    clock: deps.clock,
    log,
    connectTimeoutMs: config.connectTimeoutMs ?? DEFAULTS.connectTimeoutMs,
    onEvent: (type, data) => reader.onEvent(type, data),
    onIdentified: () => reader.onIdentified(),
  });
  const controlDeps = {
    session,
    reader,
    clock: deps.clock,
    deadlineMs: config.controlDeadlineMs ?? DEFAULTS.controlDeadlineMs,
    intervalMs: DEFAULTS.confirmIntervalMs,
  };

  return {
    id: config.id,
    family: 'obs',
    model: config.model ?? 'OBS Studio',
    labels: { ...config.labels },
    capabilities: OBS_CAPABILITIES,
    pollIntervalMs: config.pollIntervalMs ?? DEFAULTS.pollIntervalMs,
    async poll(signal) {
      const at = deps.clock.now();
      try {
        const sample = await reader.sample(signal);
        log.debug({ outputs: sample.outputs.map((o) => `${o.id}=${o.state}`) }, 'obs polled');
        return { encoderId: config.id, at, reachable: true, ...sample };
      } catch (error) {
        const failure = classifyNetworkError(error, url, signal);
        log.debug({ code: failure.code, err: failure.message }, 'obs poll failed');
        return unreachableSample(config.id, at, failure);
      }
    },
    control: (action, signal) => runObsControl(controlDeps, action, signal),
    close: () => Promise.resolve(session.close()),
  };
}
