import type { Recipient, Settings } from '../settings/model.js';

/** One recipient on one channel. */
export interface Target {
  readonly recipient: Recipient;
  readonly channel: string;
  readonly address: string;
}

/** Who to reach: roles and/or recipient ids, optionally limited to some channels. */
export interface Audience {
  readonly roles: readonly string[];
  readonly recipients?: readonly string[];
  readonly channels?: readonly string[] | undefined;
  /** Never use this channel (the one that just failed). */
  readonly excludeChannel?: string;
}

/** Every enabled recipient/channel pair in the audience, each pair once, in recipient order. */
export function resolveTargets(settings: Settings, audience: Audience): Target[] {
  const ids = new Set(audience.recipients ?? []);
  const targets: Target[] = [];
  for (const recipient of settings.recipients) {
    if (!recipient.enabled) continue;
    const chosen = ids.has(recipient.id) || recipient.roles.some((role) => audience.roles.includes(role));
    if (!chosen) continue;
    for (const { channel, address } of recipient.channels) {
      if (audience.channels && !audience.channels.includes(channel)) continue;
      if (channel === audience.excludeChannel) continue;
      targets.push({ recipient, channel, address });
    }
  }
  return targets;
}

/** Keeps the first target per recipient and channel (rules are already in priority order). */
export function uniqueTargets<T extends { target: Target }>(items: readonly T[]): T[] {
  const seen = new Set<string>();
  return items.filter(({ target }) => {
    const key = `${target.recipient.id}\u0000${target.channel}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
