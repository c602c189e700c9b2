import type { Alert, ChannelStatus, EncodersService, EncoderView } from '@encoder-manager/sdk';
import { seesSite, type KeyRecord } from '../keys/record.js';
import { notFound } from './problem.js';

type Caller = Pick<KeyRecord, 'sites'> | undefined;

/** Deny by default: a site-restricted key sees an encoder only when its `site` label is one of the key's. */
export function seesEncoder(key: Caller, encoder: Pick<EncoderView, 'labels'>): boolean {
  return !key || seesSite(key, encoder.labels.site);
}

export function seesAlert(key: Caller, alert: Pick<Alert, 'labels'>): boolean {
  return !key || seesSite(key, alert.labels.site);
}

/** A channel is visible when every encoder feeding it is: no cross-site peeking through a shared channel. */
export function seesChannel(key: Caller, channel: ChannelStatus, encoders: EncodersService): boolean {
  if (!key?.sites) return true;
  return channel.encoders.every((entry) => {
    const encoder = encoders.get(entry.encoder);
    return encoder !== undefined && seesEncoder(key, encoder);
  });
}

/**
 * The encoder, or a 404 — also when it exists at a site the key may not see, so a restricted key cannot
 * learn which ids exist elsewhere (OWASP API1).
 */
export function visibleEncoder(key: Caller, encoders: EncodersService, id: string): EncoderView {
  const encoder = encoders.get(id);
  if (!encoder || !seesEncoder(key, encoder)) throw notFound(`no encoder "${id}"`);
  return encoder;
}
