import {
  asDriverError,
  unreachableSample,
  type Capability,
  type Clock,
  type EncoderDriver,
  type EncoderOutput,
  type Logger,
} from '@encoder-manager/sdk';
import { createMonarchClient, type MonarchClient } from './client.js';
import { DEFAULTS, type MonarchEncoderConfig } from './config.js';
import { createMonarchControl } from './control.js';
import { assertVariant, outputsOf } from './outputs.js';
import { parseGetStatus } from './status.js';
import { VARIANTS, type MonarchVariant } from './variants.js';

/** A Monarch reports state only (ON/READY/DISABLED): no temperature, bitrate, dropped frames, and no reboot command. */
export const MONARCH_CAPABILITIES: readonly Capability[] = Object.freeze(['stream', 'record'] as const);

/** What the driver needs from its plugin context. */
export interface MonarchDriverDeps {
  readonly clock: Clock;
  readonly log: Logger;
}

/** Reads the outputs of one Monarch through its serialised command queue. */
export type ReadOutputs = (signal: AbortSignal) => Promise<EncoderOutput[]>;

/** Creates the driver for one configured Monarch. */
export function createMatroxMonarchDriver(
  config: MonarchEncoderConfig,
  deps: MonarchDriverDeps,
): EncoderDriver {
  const variant = config.variant ?? DEFAULTS.variant;
  const baseUrl = `http://${config.host}:${config.port ?? DEFAULTS.port}`;
  const target = `Monarch at ${baseUrl}`;
  const log = deps.log.child({ encoder: config.id });
  const client = createMonarchClient({
    baseUrl,
    path: VARIANTS[variant].path,
    username: config.username ?? DEFAULTS.username,
    password: config.password ?? DEFAULTS.password,
    timeoutMs: config.requestTimeoutMs ?? DEFAULTS.requestTimeoutMs,
    clock: deps.clock,
    log,
    attempts: config.retryAttempts ?? DEFAULTS.retryAttempts,
    retryDelayMs: config.retryDelayMs ?? DEFAULTS.retryDelayMs,
  });
  const readOutputs = outputReader(client, variant, target);
  return {
    id: config.id,
    family: 'matrox-monarch',
    model: VARIANTS[variant].model,
    labels: Object.freeze({ ...config.labels }),
    capabilities: MONARCH_CAPABILITIES,
    pollIntervalMs: config.pollIntervalMs ?? DEFAULTS.pollIntervalMs,
    async poll(signal) {
      const at = deps.clock.now();
      try {
        const outputs = await readOutputs(signal);
        log.debug({ outputs: outputs.map((o) => `${o.id}=${o.raw}`) }, 'polled Monarch');
        return { encoderId: config.id, at, reachable: true, outputs, metrics: {} };
      } catch (error) {
        return unreachableSample(config.id, at, asDriverError(error, target));
      }
    },
    control: createMonarchControl({
      client,
      readOutputs,
      variant,
      clock: deps.clock,
      log,
      target,
      deadlineMs: config.controlDeadlineMs ?? DEFAULTS.controlDeadlineMs,
    }),
  };
}

function outputReader(client: MonarchClient, variant: MonarchVariant, target: string): ReadOutputs {
  return async (signal) => {
    const status = parseGetStatus(await client.send('GetStatus', signal));
    assertVariant(status, variant, target);
    return outputsOf(status);
  };
}
