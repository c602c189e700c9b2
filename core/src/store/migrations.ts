import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Knex } from 'knex';
import { EmError, PluginError, errorMessageOf } from '@encoder-manager/sdk';
import { listTables, tablePrefix } from './tables.js';

/** A plugin whose `migrations/` folder should be applied. */
export interface MigratablePlugin {
  readonly name: string;
  readonly packageDir: string;
}

/** What one plugin's migration run did. */
export interface MigrationReport {
  readonly plugin: string;
  readonly applied: readonly string[];
}

interface MigrationModule {
  up(db: Knex): Promise<void>;
  down?(db: Knex): Promise<void>;
}

const MIGRATION_FILE = /^\d+[-_][\w-]+\.(ts|js|mjs)$/;

/** Applies each plugin's pending migrations in order; running it again applies nothing. */
export async function migratePlugins(
  db: Knex,
  plugins: readonly MigratablePlugin[],
  schema?: string,
): Promise<MigrationReport[]> {
  const reports: MigrationReport[] = [];
  for (const plugin of plugins) reports.push(await migratePlugin(db, plugin, schema));
  return reports;
}

async function migratePlugin(db: Knex, plugin: MigratablePlugin, schema?: string): Promise<MigrationReport> {
  const dir = path.join(plugin.packageDir, 'migrations');
  if (!existsSync(dir)) return { plugin: plugin.name, applied: [] };
  const prefix = tablePrefix(plugin.name);
  try {
    const [, applied] = (await db.migrate.latest({
      migrationSource: new PluginMigrationSource(dir, prefix),
      tableName: `${prefix}knex_migrations`,
      ...(schema ? { schemaName: schema } : {}),
    })) as [number, string[]];
    return { plugin: plugin.name, applied };
  } catch (error) {
    const code = error instanceof EmError ? error.code : 'EM_MIGRATION_FAILED';
    throw new PluginError(code, plugin.name, 'migrate', errorMessageOf(error), {
      cause: error,
      hint: 'The failed migration was rolled back; fix it and run `encoder-manager migrate` again.',
    });
  }
}

/** Feeds knex the plugin's migration files and checks each one keeps to the plugin's table prefix. */
class PluginMigrationSource implements Knex.MigrationSource<string> {
  constructor(
    private readonly dir: string,
    private readonly prefix: string,
  ) {}

  async getMigrations(): Promise<string[]> {
    return readdirSync(this.dir)
      .filter((file) => MIGRATION_FILE.test(file) && !file.endsWith('.d.ts'))
      .sort();
  }

  getMigrationName(file: string): string {
    return file.replace(/\.(ts|js|mjs)$/, '');
  }

  async getMigration(file: string): Promise<Knex.Migration> {
    const mod = (await import(pathToFileURL(path.join(this.dir, file)).href)) as MigrationModule;
    const prefix = this.prefix;
    return {
      async up(trx: Knex) {
        const before = new Set(await listTables(trx));
        await mod.up(trx);
        const foreign = (await listTables(trx)).filter(
          (table) => !before.has(table) && !table.startsWith(prefix),
        );
        if (foreign.length > 0) {
          throw new EmError(
            'EM_MIGRATION_TABLE_PREFIX',
            `migration ${file} created ${foreign.join(', ')} outside the plugin's prefix "${prefix}"`,
            { hint: `Name every table ${prefix}<name>.` },
          );
        }
      },
      down: async (trx: Knex) => mod.down?.(trx),
    };
  }
}
