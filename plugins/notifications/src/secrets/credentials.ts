import type { NotificationCredentials } from '@encoder-manager/sdk';
import type { SettingsRepository } from '../settings/repository.js';
import type { ChannelDoc } from '../service/views.js';
import type { SecretStore } from './secret-store.js';

/** Decrypted channel settings for notifier plugins (`notificationCredentialsRef`). */
export function createCredentials(repo: SettingsRepository, secrets: SecretStore): NotificationCredentials {
  return {
    async get(channel) {
      const doc = (await repo.get('channel', channel)) as ChannelDoc | undefined;
      const names = await secrets.names(channel);
      if (!doc && names.length === 0) return undefined;
      return {
        channel,
        enabled: doc?.enabled ?? true,
        settings: { ...(doc?.settings ?? {}) },
        secrets: await secrets.reveal(channel),
      };
    },
  };
}
