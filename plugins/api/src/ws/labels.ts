import type { BusEvent } from '@encoder-manager/sdk';
import type { ServiceAccess } from '../http/services.js';

/** Labels and sites of a bus event, for filters and for site-limited keys. */
export interface Attribution {
  readonly labels: Readonly<Record<string, string>>;
  readonly sites: readonly string[];
}

const NONE: Attribution = { labels: {}, sites: [] };

function encoderLabels(services: ServiceAccess, encoderId: string): Attribution {
  const labels: Record<string, string> = {
    ...(services.encoders.get(encoderId)?.labels ?? {}),
    encoder: encoderId,
  };
  return { labels, sites: labels.site ? [labels.site] : [] };
}

function channelLabels(services: ServiceAccess, channelId: string): Attribution {
  const channel = services.optionalFailover?.channels().find((c) => c.id === channelId);
  const sites = [
    ...new Set((channel?.encoders ?? []).map((e) => services.encoders.get(e.encoder)?.labels.site)),
  ];
  const known = sites.every((site) => site !== undefined) && sites.length > 0;
  const labels: Record<string, string> = { channel: channelId };
  if (known && sites.length === 1) labels.site = sites[0]!;
  return { labels, sites: known ? (sites as string[]) : [] };
}

function streamLabels(services: ServiceAccess, stream: string): Attribution {
  const entry = services.optionalFailover
    ?.channels()
    .flatMap((c) => c.encoders)
    .find((e) => e.stream === stream);
  const base = entry ? encoderLabels(services, entry.encoder) : NONE;
  return { labels: { ...base.labels, stream }, sites: base.sites };
}

/** Where an event belongs: encoder events take the encoder's labels, alerts their own, failovers the channel's. */
export function attribute(event: BusEvent, services: ServiceAccess): Attribution {
  switch (event.name) {
    case 'encoder.sample':
    case 'encoder.state':
      return encoderLabels(services, event.payload.encoderId);
    case 'check.result':
    case 'alert.firing':
    case 'alert.resolved':
    case 'alert.acknowledged': {
      const labels = event.payload.labels;
      return { labels, sites: labels.site ? [labels.site] : [] };
    }
    case 'failover.started':
    case 'failover.completed':
    case 'failover.failed':
      return channelLabels(services, event.payload.channel);
    case 'stream.state':
      return streamLabels(services, event.payload.stream);
    default:
      return NONE;
  }
}
