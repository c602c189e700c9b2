import type { Knex } from 'knex';

/**
 * Locks the selected rows for this transaction. PostgreSQL: `FOR UPDATE SKIP LOCKED`, so several agents
 * sharing the database each claim different rows without waiting. SQLite has one writer at a time and
 * the claim runs inside a transaction, which is enough for a single process.
 */
export function lockForClaim(dialect: 'sqlite' | 'postgres', query: Knex.QueryBuilder): Knex.QueryBuilder {
  return dialect === 'postgres' ? query.forUpdate().skipLocked() : query;
}
