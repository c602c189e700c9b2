import type { SimChannel, SimPublisher, SimRecorder } from './layout.js';
import type { PearlModel } from './model.js';

/*
 * JSON shapes from the Pearl OpenAPI spec (api/v2.0/openapi.yml): PublisherStatus with SRT statistics,
 * RecorderStatus, SystemStatus, StorageStatus, PublisherSettings. Values drift with time so graphs move.
 */

const SRT_RATE_MBPS = 3.61;
const STORAGE_TOTAL = 15_809_413_120;
const STORAGE_FREE = 11_821_019_136;

/** `PublisherStatus`; link loss shows as `error` with a growing `reconnections` count (inferred behaviour). */
export function publisherStatus(model: PearlModel, publisher: SimPublisher): Record<string, unknown> {
  const now = model.clock.now();
  const lostFor = model.faultAge('link-loss');
  const base = { is_configured: publisher.url !== '', started: publisher.running };
  if (lostFor !== undefined && publisher.state === 'started')
    return {
      ...base,
      state: 'error',
      description: 'Connection to the server was lost; reconnecting',
      reconnections: publisher.reconnections + 1 + Math.floor(lostFor / 5000),
    };
  if (publisher.state !== 'started')
    return { ...base, state: publisher.state, ...describe(publisher.description) };
  const duration = Math.floor((now - (publisher.startedAt ?? now)) / 1000);
  return {
    ...base,
    state: 'started',
    duration,
    since: Math.floor((publisher.startedAt ?? now) / 1000),
    ...(publisher.type === 'srt' ? { statistics: srtStatistics(model, duration) } : {}),
    reconnections: publisher.reconnections,
  };
}

function srtStatistics(model: PearlModel, duration: number): Record<string, unknown> {
  const dropping = model.faultAge('dropped-frames');
  const bytes = Math.round((duration * SRT_RATE_MBPS * 1e6) / 8);
  const pktDrop = dropping === undefined ? 0 : Math.floor((dropping / 1000) * 15);
  return {
    total: {
      duration,
      pkt_sent: Math.round(bytes / 1316),
      pkt_loss: pktDrop * 2,
      pkt_retrans: pktDrop * 2,
      pkt_drop: pktDrop,
      latency: 125,
      byte_sent: bytes,
      byte_retrans: pktDrop * 2 * 1316,
      byte_drop: pktDrop * 1316,
    },
    current: {
      duration: Math.min(duration, 20),
      send_rate: Math.round((SRT_RATE_MBPS + wobble(model, 0.05)) * 1000) / 1000,
      loss_ratio: dropping === undefined ? 0 : 0.04,
      retrans_ratio: dropping === undefined ? 0 : 0.04,
      drop_ratio: dropping === undefined ? 0 : 0.02,
      latency: 125,
      rtt: 342,
      estimated_bandwidth: 318.624,
      send_buffer: 1000,
      stream_id: '',
      ip: '127.0.0.1',
    },
  };
}

/** A channel with publishers, their status and settings as the `/channels` flags ask. */
export function channel(model: PearlModel, ch: SimChannel, flags: ChannelFlags): Record<string, unknown> {
  if (!flags.publishers) return { id: ch.id, name: ch.name };
  return {
    id: ch.id,
    name: ch.name,
    publishers: ch.publishers.map((publisher) => ({
      id: publisher.id,
      type: publisher.type,
      name: publisher.name,
      ...(flags.status ? { status: publisherStatus(model, publisher) } : {}),
      ...(flags.settings ? { settings: publisherSettings(publisher) } : {}),
    })),
  };
}

/** Which `/channels` boolean query flags were set. */
export interface ChannelFlags {
  readonly publishers: boolean;
  readonly status: boolean;
  readonly settings: boolean;
}

function publisherSettings(publisher: SimPublisher): Record<string, unknown> {
  const common = { enabled: publisher.url !== '', single_touch: false };
  if (publisher.type === 'srt')
    return { type: 'srt', common, srt: { url: publisher.url, stream_id: '', mode: 'caller', latency: 125 } };
  const rtmp = { url: publisher.url, stream: publisher.stream, username: '', password: '' };
  return { type: 'rtmp', common, rtmp: { disable_audio: false, ...rtmp } };
}

/** `RecorderStatus`. */
export function recorderStatus(model: PearlModel, recorder: SimRecorder): Record<string, unknown> {
  if (recorder.state !== 'started') return { state: recorder.state, ...describe(recorder.description) };
  const duration = Math.floor((model.clock.now() - (recorder.startedAt ?? 0)) / 1000);
  return { state: 'started', duration, active: '1', total: '1' };
}

/** `SystemStatus`: load follows the running outputs; the overheat fault ramps `cputemp` past 85 °C. */
export function systemStatus(model: PearlModel): Record<string, unknown> {
  const now = model.clock.now();
  const active = runningCount(model);
  const cpuload = Math.min(
    100,
    Math.round(18 + 12 * active.publishers + 6 * active.recorders + wobble(model, 3)),
  );
  return {
    date: new Date(now).toISOString(),
    uptime: Math.floor((now - model.bootAt) / 1000),
    cpuload,
    cpuload_high: cpuload >= 80,
    cputemp: Math.round(temperature(model, active.publishers + active.recorders) * 10) / 10,
    cputemp_threshold: 70,
  };
}

function temperature(model: PearlModel, active: number): number {
  const base = 50 + 1.5 * active + wobble(model, 1);
  const age = model.faultAge('overheat');
  if (age === undefined) return base;
  if (age < 60_000) return base + ((85 - base) * age) / 60_000;
  return Math.min(110, 85 + (age - 60_000) / 10_000);
}

/** `StorageStatus` of `main`: free space shrinks while recorders run (about 6 Mbit/s each). */
export function storageStatus(model: PearlModel): Record<string, unknown> {
  const now = model.clock.now();
  const written = model.layout.recorders
    .filter((recorder) => recorder.state === 'started')
    .reduce((sum, recorder) => sum + ((now - (recorder.startedAt ?? now)) / 1000) * 750_000, 0);
  return { state: 'ready', total: STORAGE_TOTAL, free: Math.max(0, Math.round(STORAGE_FREE - written)) };
}

function runningCount(model: PearlModel) {
  const publishers = model.layout.channels
    .flatMap((ch) => ch.publishers)
    .filter((p) => p.state === 'started').length;
  const recorders = model.layout.recorders.filter((r) => r.state === 'started').length;
  return { publishers, recorders };
}

function wobble(model: PearlModel, amplitude: number): number {
  return amplitude * Math.sin(model.clock.now() / 7000);
}

function describe(description: string | undefined): Record<string, unknown> {
  return description ? { description } : {};
}
