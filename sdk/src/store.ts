import type { Knex } from 'knex';

/** A transaction limited to the plugin's own tables. */
export interface PluginStoreTx {
  /** A query builder on `<prefix><name>`. */
  table(name: string): Knex.QueryBuilder;
}

/**
 * The plugin's own slice of the database. Tables are named `<plugin_name>_<table>`; the handle only
 * reaches those, and the migration runner refuses migrations that create tables outside the prefix.
 */
export interface PluginStore {
  /** `driver_simulated_` for plugin `driver-simulated`. */
  readonly prefix: string;
  readonly dialect: 'sqlite' | 'postgres';
  /** The full table name for a short name. */
  tableName(name: string): string;
  table(name: string): Knex.QueryBuilder;
  transaction<T>(work: (tx: PluginStoreTx) => Promise<T>): Promise<T>;
}
