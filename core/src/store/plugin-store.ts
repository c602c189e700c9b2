import type { Knex } from 'knex';
import type { PluginStore, PluginStoreTx } from '@encoder-manager/sdk';
import { tablePrefix } from './tables.js';

/** The store handle a plugin receives: only tables under its own prefix are reachable by name. */
export function createPluginStore(db: Knex, pluginName: string, dialect: 'sqlite' | 'postgres'): PluginStore {
  const tableName = prefixer(pluginName);
  return {
    prefix: tablePrefix(pluginName),
    dialect,
    tableName,
    table: (name) => db(tableName(name)),
    transaction: (work) => db.transaction((trx: Knex.Transaction) => work(scopedTx(trx, pluginName))),
  };
}

/** A handle on an open transaction (possibly someone else's) that reaches only `pluginName`'s tables. */
export function scopedTx(trx: Knex.Transaction, pluginName: string): PluginStoreTx {
  const tableName = prefixer(pluginName);
  return { table: (name) => trx(tableName(name)) };
}

function prefixer(pluginName: string): (name: string) => string {
  const prefix = tablePrefix(pluginName);
  return (name) => (name.startsWith(prefix) ? name : `${prefix}${name}`);
}
