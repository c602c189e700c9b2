import { CORE_PACKAGE, storeOptions } from '../../agent.js';
import { loadConfig } from '../../config/load.js';
import { formatProblems } from '../../config/problems.js';
import { openDatabase } from '../../store/database.js';
import { migratePlugins } from '../../store/migrations.js';

/** Applies pending migrations of every enabled plugin and prints what was applied. */
export async function migrateCommand(location: string | undefined): Promise<number> {
  const config = await loadConfig({ location });
  if (config.problems.length > 0) {
    process.stderr.write(`${formatProblems(config.problems)}\n`);
    return 1;
  }
  const where = storeOptions(config, process.env);
  const database = await openDatabase(where);
  try {
    const reports = await migratePlugins(database.knex, [CORE_PACKAGE, ...config.plugins], where.schema);
    const lines = reports.map(
      (r) => `${r.plugin}: ${r.applied.length === 0 ? 'up to date' : `applied ${r.applied.join(', ')}`}`,
    );
    process.stdout.write(`${database.description}\n${lines.join('\n') || 'no plugins with migrations'}\n`);
    return 0;
  } finally {
    await database.close();
  }
}
