import {
  classifyNetworkError,
  createDeviceHttp,
  unreachableSample,
  type Capability,
  type Clock,
  type EncoderDriver,
  type EncoderMetrics,
  type EncoderSample,
  type Logger,
} from '@encoder-manager/sdk';
import { PearlApi } from './api.js';
import { DEFAULTS, type PearlEncoderConfig } from './config.js';
import { runControl } from './control.js';
import { publisherOutputs, recorderOutputs } from './outputs.js';
import type { ChannelReply, StorageStatusReply, SystemStatusReply } from './replies.js';

/** What the Pearl reports (docs/encoders.md §4.1): no dropped frames, no input signal, no pushed events. */
export const PEARL_CAPABILITIES: readonly Capability[] = [
  'stream',
  'record',
  'cpu',
  'temperature',
  'bitrate',
  'reboot',
];

/** Services the driver uses. */
export interface PearlDriverDeps {
  readonly clock: Clock;
  readonly log: Logger;
}

/** Creates the driver for one configured Pearl. Does no I/O until the first poll. */
export function createEpiphanPearlDriver(config: PearlEncoderConfig, deps: PearlDriverDeps): EncoderDriver {
  const baseUrl = `http://${config.host}:${config.port ?? DEFAULTS.port}`;
  const http = createDeviceHttp({
    baseUrl,
    timeoutMs: config.timeoutMs ?? DEFAULTS.timeoutMs,
    auth: { type: 'basic', username: config.username ?? DEFAULTS.username, password: config.password },
  });
  const api = new PearlApi(http, { channels: config.channels, recorders: config.recorders });
  const log = deps.log.child({ encoder: config.id });
  const controlDeps = {
    api,
    clock: deps.clock,
    deadlineMs: config.controlDeadlineMs ?? DEFAULTS.controlDeadlineMs,
    intervalMs: DEFAULTS.confirmIntervalMs,
  };

  return {
    id: config.id,
    family: 'epiphan-pearl',
    model: config.model ?? 'Epiphan Pearl',
    labels: { ...config.labels },
    capabilities: PEARL_CAPABILITIES,
    pollIntervalMs: config.pollIntervalMs ?? DEFAULTS.pollIntervalMs,
    async poll(signal) {
      const at = deps.clock.now();
      try {
        const sample = await readSample(api, signal);
        log.debug({ outputs: sample.outputs.length }, 'pearl polled');
        return { encoderId: config.id, at, reachable: true, ...sample };
      } catch (error) {
        const failure = classifyNetworkError(error, baseUrl, signal);
        log.debug({ code: failure.code, err: failure.message }, 'pearl poll failed');
        return unreachableSample(config.id, at, failure);
      }
    },
    control: (action, signal) => runControl(controlDeps, action, signal),
    // Device connections are shared keep-alive sockets, unref'd while idle and closed by the device's
    // keep-alive timeout: nothing per driver to release.
    close: () => Promise.resolve(),
  };
}

async function readSample(
  api: PearlApi,
  signal: AbortSignal,
): Promise<Pick<EncoderSample, 'outputs' | 'metrics'>> {
  const [channels, recorders, system, storage] = await Promise.all([
    api.channels(signal),
    api.recorders(signal),
    api.system(signal),
    // Storage is optional: some units or firmware have no /system/storages; the sample goes on without it.
    api.storage(signal).catch(() => undefined),
  ]);
  return {
    outputs: [...publisherOutputs(channels), ...recorderOutputs(recorders)],
    metrics: metricsOf(system, channels, storage),
  };
}

/** Only what the Pearl reported: a missing field stays absent. */
export function metricsOf(
  system: SystemStatusReply,
  channels: readonly ChannelReply[],
  storage: StorageStatusReply | undefined,
): EncoderMetrics {
  const reconnections = channels
    .flatMap((channel) => channel.publishers ?? [])
    .map((publisher) => publisher.status?.reconnections)
    .filter((count): count is number => count !== undefined);
  const mediaPct = storagePct(storage);
  return {
    ...(system.cpuload !== undefined ? { cpuPct: system.cpuload } : {}),
    ...(system.cputemp !== undefined ? { temperatureC: system.cputemp } : {}),
    ...(system.uptime !== undefined ? { uptimeSec: system.uptime } : {}),
    ...(reconnections.length > 0 ? { linkErrors: reconnections.reduce((a, b) => a + b, 0) } : {}),
    ...(mediaPct !== undefined ? { mediaPct } : {}),
  };
}

function storagePct(storage: StorageStatusReply | undefined): number | undefined {
  if (storage?.state !== 'ready' || !storage.total || storage.free === undefined) return undefined;
  return Math.round(((storage.total - storage.free) / storage.total) * 1000) / 10;
}
