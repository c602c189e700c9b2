import type { DeviceHttp } from '@encoder-manager/sdk';
import type { Static, TSchema } from '@sinclair/typebox';
import { readEnvelope } from './envelope.js';
import type { PearlTarget } from './outputs.js';
import {
  ChannelList,
  NoResult,
  PublisherStatus,
  RecorderStatus,
  RecorderStatusList,
  StorageStatus,
  SystemStatus,
  type ChannelReply,
  type RecorderStatusReply,
  type StorageStatusReply,
  type SystemStatusReply,
} from './replies.js';

/** The REST API v2.0 base path (firmware ≥ 4.24.1). */
export const API_BASE = '/api/v2.0';

/** Which channels/recorders to read; undefined means all. */
export interface PearlFilter {
  readonly channels?: readonly string[];
  readonly recorders?: readonly string[];
}

/** The Pearl REST calls the driver makes, each unwrapped and validated. */
export class PearlApi {
  constructor(
    private readonly http: DeviceHttp,
    private readonly filter: PearlFilter = {},
  ) {}

  /** Channels with their publishers, publisher status and settings, in one request. */
  channels(signal: AbortSignal): Promise<ChannelReply[]> {
    const query = new URLSearchParams({
      publishers: 'true',
      'publishers-status': 'true',
      'publishers-settings': 'true',
    });
    if (this.filter.channels) query.set('ids', this.filter.channels.join(','));
    return this.#get(`/channels?${query.toString()}`, ChannelList, signal);
  }

  recorders(signal: AbortSignal): Promise<RecorderStatusReply[]> {
    const ids = this.filter.recorders ? `?ids=${encodeURIComponent(this.filter.recorders.join(','))}` : '';
    return this.#get(`/recorders/status${ids}`, RecorderStatusList, signal);
  }

  system(signal: AbortSignal): Promise<SystemStatusReply> {
    return this.#get('/system/status', SystemStatus, signal);
  }

  storage(signal: AbortSignal, storage = 'main'): Promise<StorageStatusReply> {
    return this.#get(`/system/storages/${storage}/status`, StorageStatus, signal);
  }

  /** The raw state of one publisher or recorder (`started`, `stopped` …). */
  async targetState(target: PearlTarget, signal: AbortSignal): Promise<string> {
    if (target.kind === 'recorder')
      return (await this.#get(`/recorders/${enc(target.recorder)}/status`, RecorderStatus, signal)).state;
    const path = `/channels/${enc(target.channel)}/publishers/${enc(target.publisher)}/status`;
    return (await this.#get(path, PublisherStatus, signal)).state;
  }

  /** Asks for start/stop. The Pearl only accepts it here: it runs asynchronously (spec). */
  async control(target: PearlTarget, action: 'start' | 'stop', signal: AbortSignal): Promise<void> {
    const path =
      target.kind === 'recorder'
        ? `/recorders/${enc(target.recorder)}/control/${action}`
        : `/channels/${enc(target.channel)}/publishers/${enc(target.publisher)}/control/${action}`;
    await this.#post(path, signal);
  }

  async reboot(signal: AbortSignal): Promise<void> {
    await this.#post('/system/control/reboot', signal);
  }

  async #get<S extends TSchema>(path: string, schema: S, signal: AbortSignal): Promise<Static<S>> {
    const reply = await this.http.request({ path: `${API_BASE}${path}`, signal });
    return readEnvelope(reply, `GET ${path}`, schema);
  }

  async #post(path: string, signal: AbortSignal): Promise<void> {
    const reply = await this.http.request({ method: 'POST', path: `${API_BASE}${path}`, signal });
    readEnvelope(reply, `POST ${path}`, NoResult);
  }
}

function enc(id: string): string {
  return encodeURIComponent(id);
}
