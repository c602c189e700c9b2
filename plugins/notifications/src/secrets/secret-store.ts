import type { PluginStore } from '@encoder-manager/sdk';
import type { SecretCipher } from './cipher.js';

/** Channel secrets, encrypted at rest; plaintext exists only in memory while a notifier needs it. */
export class SecretStore {
  constructor(
    private readonly store: PluginStore,
    private readonly cipher: SecretCipher,
    private readonly now: () => number,
  ) {}

  /** Stores (string) or removes (null) each named secret of a channel, all or nothing. */
  async apply(channel: string, secrets: Readonly<Record<string, string | null>>): Promise<void> {
    // Encrypt everything first, so a missing key fails before anything is written.
    const changes = Object.entries(secrets).map(([name, value]) => ({
      name,
      ciphertext: value === null ? null : this.cipher.encrypt(value, aad(channel, name)),
    }));
    await this.store.transaction(async (tx) => {
      for (const { name, ciphertext } of changes) {
        if (ciphertext === null) {
          await tx.table('secrets').where({ channel, name }).delete();
          continue;
        }
        await tx
          .table('secrets')
          .insert({ channel, name, ciphertext, updated_at: this.now() })
          .onConflict(['channel', 'name'])
          .merge(['ciphertext', 'updated_at']);
      }
    });
  }

  /** The names of a channel's stored secrets, never their values. */
  async names(channel: string): Promise<string[]> {
    const rows = (await this.store.table('secrets').where({ channel }).select('name').orderBy('name')) as {
      name: string;
    }[];
    return rows.map((row) => row.name);
  }

  /** Decrypted secrets of a channel, for its notifier. */
  async reveal(channel: string): Promise<Record<string, string>> {
    const rows = (await this.store.table('secrets').where({ channel }).select('name', 'ciphertext')) as {
      name: string;
      ciphertext: string;
    }[];
    return Object.fromEntries(
      rows.map((row) => [row.name, this.cipher.decrypt(row.ciphertext, aad(channel, row.name))]),
    );
  }

  async deleteChannel(channel: string): Promise<void> {
    await this.store.table('secrets').where({ channel }).delete();
  }
}

function aad(channel: string, name: string): string {
  return `notifications/${channel}/${name}`;
}
