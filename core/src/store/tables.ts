import type { Knex } from 'knex';

/** The table prefix for a plugin: `driver-simulated` → `driver_simulated_`. */
export function tablePrefix(pluginName: string): string {
  return `${pluginName.replace(/-/g, '_')}_`;
}

/** Names of the tables in the current schema (SQLite file or PostgreSQL search path). */
export async function listTables(db: Knex): Promise<string[]> {
  const client = String(db.client.config.client);
  if (client === 'pg') {
    const rows = (await db.raw(
      'select table_name from information_schema.tables where table_schema = current_schema()',
    )) as {
      rows: { table_name: string }[];
    };
    return rows.rows.map((row) => row.table_name);
  }
  const rows = (await db.raw(
    "select name from sqlite_master where type = 'table' and name not like 'sqlite_%'",
  )) as {
    name: string;
  }[];
  return rows.map((row) => row.name);
}
