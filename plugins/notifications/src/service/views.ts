import type { ChannelSettingsView, NotificationSettingsView, RecipientSettings } from '@encoder-manager/sdk';
import type { Recipient, Settings } from '../settings/model.js';
import type { StoredDoc } from '../settings/repository.js';
import type { SecretStore } from '../secrets/secret-store.js';

/** A stored channel document. */
export interface ChannelDoc {
  readonly channel: string;
  readonly enabled: boolean;
  readonly settings: Readonly<Record<string, string | number | boolean>>;
}

/** A channel as read back: secret names with `set: true`, never values. */
export function channelView(doc: ChannelDoc, secretNames: readonly string[]): ChannelSettingsView {
  return {
    channel: doc.channel,
    enabled: doc.enabled,
    settings: { ...doc.settings },
    secrets: Object.fromEntries(secretNames.map((name) => [name, { set: true as const }])),
  };
}

function recipientSettings(r: Recipient): RecipientSettings & { source: Recipient['source'] } {
  return {
    id: r.id,
    name: r.name,
    roles: r.roles,
    channels: r.channels,
    ...(r.quietHours ? { quietHours: r.quietHours } : {}),
    enabled: r.enabled,
    source: r.source,
  };
}

/** Every setting for the API: secrets reduced to `{ set: true }`. */
export async function settingsView(
  settings: Settings,
  stored: readonly StoredDoc[],
  secrets: SecretStore,
  flags: NotificationSettingsView['flags'],
): Promise<NotificationSettingsView> {
  const channelDocs = stored
    .filter((d) => d.kind === 'channel' && d.doc !== undefined)
    .map((d) => d.doc as ChannelDoc);
  const channels = await Promise.all(
    channelDocs.map(async (doc) => channelView(doc, await secrets.names(doc.channel))),
  );
  return {
    roles: [...settings.roles.values()].map((r) => ({ ...r })),
    recipients: settings.recipients.map(recipientSettings),
    rules: settings.rules.map((r) => ({ ...r.raw, source: r.source })),
    templates: settings.templates.map((t) => ({ ...t })),
    channels,
    flags,
  };
}
