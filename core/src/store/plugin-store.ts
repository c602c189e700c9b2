import type { Knex } from 'knex';
import type { PluginStore } from '@encoder-manager/sdk';
import { tablePrefix } from './tables.js';

/** The store handle a plugin receives: only tables under its own prefix are reachable by name. */
export function createPluginStore(db: Knex, pluginName: string, dialect: 'sqlite' | 'postgres'): PluginStore {
  const prefix = tablePrefix(pluginName);
  const tableName = (name: string) => (name.startsWith(prefix) ? name : `${prefix}${name}`);
  return {
    prefix,
    dialect,
    tableName,
    table: (name) => db(tableName(name)),
    transaction: (work) =>
      db.transaction((trx: Knex.Transaction) => work({ table: (name) => trx(tableName(name)) })),
  };
}
