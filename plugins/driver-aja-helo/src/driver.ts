import {
  asDriverError,
  unreachableSample,
  type Capability,
  type Clock,
  type EncoderDriver,
  type EncoderMetrics,
  type EncoderOutput,
  type Logger,
} from '@encoder-manager/sdk';
import { createHeloClient, type HeloClient } from './client.js';
import { DEFAULTS, type HeloEncoderConfig, type HeloModel } from './config.js';
import { createHeloControl } from './control.js';
import { replicatorOutputs, subStreamOutput } from './outputs.js';
import { PARAM } from './params.js';

/** What a HELO reports: no bitrate, dropped frames or CPU (encoders.md §2.5), so none are declared. */
export const HELO_CAPABILITIES: readonly Capability[] = Object.freeze([
  'stream',
  'record',
  'temperature',
  'reboot',
] as const);

const MODEL_NAMES: Record<HeloModel, string> = { helo: 'HELO', 'helo-plus': 'HELO Plus' };

/** What the driver needs from its plugin context. */
export interface HeloDriverDeps {
  readonly clock: Clock;
  readonly log: Logger;
}

/** Creates the driver for one configured HELO. */
export function createAjaHeloDriver(config: HeloEncoderConfig, deps: HeloDriverDeps): EncoderDriver {
  const model = config.model ?? DEFAULTS.model;
  const baseUrl = `http://${config.host}:${config.port ?? DEFAULTS.port}`;
  const client = createHeloClient({
    baseUrl,
    password: config.password,
    timeoutMs: config.requestTimeoutMs ?? DEFAULTS.requestTimeoutMs,
  });
  const log = deps.log.child({ encoder: config.id });
  const control = createHeloControl({
    client,
    clock: deps.clock,
    log,
    model,
    deadlineMs: config.controlDeadlineMs ?? DEFAULTS.controlDeadlineMs,
  });
  return {
    id: config.id,
    family: 'aja-helo',
    model: MODEL_NAMES[model],
    labels: Object.freeze({ ...config.labels }),
    capabilities: HELO_CAPABILITIES,
    pollIntervalMs: config.pollIntervalMs ?? DEFAULTS.pollIntervalMs,
    async poll(signal) {
      const at = deps.clock.now();
      try {
        const sample = await readDevice(client, model, signal);
        log.debug({ outputs: sample.outputs.map((o) => `${o.id}=${o.raw}`) }, 'polled HELO');
        return { encoderId: config.id, at, reachable: true, ...sample };
      } catch (error) {
        return unreachableSample(config.id, at, asDriverError(error, `HELO at ${baseUrl}`));
      }
    },
    control,
  };
}

// Sequential GETs, as the module does: the HELO's web server is small and answers one at a time.
async function readDevice(client: HeloClient, model: HeloModel, signal: AbortSignal) {
  const record = await client.getInteger(PARAM.recordState, signal);
  const stream = await client.getInteger(PARAM.streamState, signal);
  const media = await client.getInteger(PARAM.mediaAvailable, signal);
  const temperature = await client.getInteger(PARAM.temperature, signal);
  const outputs: EncoderOutput[] = replicatorOutputs(record, stream);
  if (model === 'helo-plus') {
    for (const [id, param] of [
      ['stream1', PARAM.stream1Duration],
      ['stream2', PARAM.stream2Duration],
    ] as const) {
      const duration = await client.get(param, signal);
      outputs.push(subStreamOutput(id, stream, String(duration.value)));
    }
  }
  return { outputs, metrics: metricsOf(media.value, temperature.value) };
}

// `eParamID_CurrentMediaAvailable` is the free share; the contract's mediaPct is the used share.
function metricsOf(mediaAvailablePct: number, temperatureC: number): EncoderMetrics {
  const usable = mediaAvailablePct >= 0 && mediaAvailablePct <= 100;
  return usable ? { temperatureC, mediaPct: 100 - mediaAvailablePct } : { temperatureC };
}
