import { fileURLToPath } from 'node:url';
import type { PluginStore } from '@encoder-manager/sdk';
import type { Database } from '../../../../core/src/store/database.js';
import { migratePlugins } from '../../../../core/src/store/migrations.js';
import { createPluginStore } from '../../../../core/src/store/plugin-store.js';
import { testBackends, type TestBackend } from '../../../../core/test/helpers/databases.js';

const PACKAGE_DIR = fileURLToPath(new URL('../..', import.meta.url));

/** A migrated store for the meetings plugin on one backend. */
export interface MeetingsStore {
  readonly backend: TestBackend;
  readonly db: Database;
  readonly store: PluginStore;
  /** Empties the plugin's tables between tests. */
  clear(): Promise<void>;
  close(): Promise<void>;
}

/** Both backends (SQLite file, fresh PostgreSQL schema), for `describe` loops. */
export { testBackends };

/** Opens the backend and applies the plugin's real migrations, as the agent does at start. */
export async function openMeetingsStore(backend: TestBackend): Promise<MeetingsStore> {
  const db = await backend.open();
  await migratePlugins(db.knex, [{ name: 'meetings', packageDir: PACKAGE_DIR }], backend.schema);
  const store = createPluginStore(db.knex, 'meetings', db.dialect);
  return {
    backend,
    db,
    store,
    clear: async () => {
      for (const table of ['meetings', 'runs', 'sources']) await store.table(table).delete();
    },
    close: async () => {
      await db.close();
      await backend.cleanup();
    },
  };
}
