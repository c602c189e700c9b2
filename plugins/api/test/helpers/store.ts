import { fileURLToPath } from 'node:url';
import type { PluginStore } from '@encoder-manager/sdk';
import { createMemoryLogger, FakeClock } from '@encoder-manager/sdk/testing';
import type { Database } from '../../../../core/src/store/database.js';
import { migratePlugins } from '../../../../core/src/store/migrations.js';
import { createPluginStore } from '../../../../core/src/store/plugin-store.js';
import type { TestBackend } from '../../../../core/test/helpers/databases.js';
import { ApiConfigSchema, type KeySettings } from '../../src/config.js';
import { KeyService } from '../../src/keys/service.js';

const packageDir = fileURLToPath(new URL('../../', import.meta.url));

/** The plugin's real migrations on a fresh backend, and a KeyService on a fake clock. */
export interface KeyStore {
  readonly db: Database;
  readonly store: PluginStore;
  readonly clock: FakeClock;
  readonly keys: KeyService;
  close(): Promise<void>;
}

export const KEY_DEFAULTS: KeySettings = {
  defaultTtlDays: 90,
  maxTtlDays: 366,
  cacheTtlMs: 5000,
  lastUsedFlushSec: 60,
  warnDays: [7, 1],
  expiryCheckIntervalSec: 900,
  staleAfterDays: 90,
  failureDelayMs: 0,
};

export async function openKeyStore(
  backend: TestBackend,
  settings: Partial<KeySettings> = {},
): Promise<KeyStore> {
  const db = await backend.open();
  await migratePlugins(db.knex, [{ name: 'api', packageDir }], backend.schema);
  const store = createPluginStore(db.knex, 'api', db.dialect);
  const clock = new FakeClock(Date.UTC(2026, 0, 1));
  const keys = new KeyService(store, clock, createMemoryLogger([]), { ...KEY_DEFAULTS, ...settings });
  return {
    db,
    store,
    clock,
    keys,
    close: async () => {
      await db.close();
      await backend.cleanup();
    },
  };
}

export { ApiConfigSchema };
