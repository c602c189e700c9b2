import { mkdirSync } from 'node:fs';
import path from 'node:path';
import knex, { type Knex } from 'knex';
import { EmError, errorMessageOf } from '@encoder-manager/sdk';

/** An open database and which dialect it speaks. */
export interface Database {
  readonly knex: Knex;
  readonly dialect: 'sqlite' | 'postgres';
  /** Human-readable location without credentials, for logs. */
  readonly description: string;
  close(): Promise<void>;
}

/** Where the data lives: PostgreSQL when a URL is given (DATABASE_URL wins), else a SQLite file. */
export interface DatabaseOptions {
  readonly url?: string;
  /** PostgreSQL schema to use (created if missing); tests use a fresh one per run. */
  readonly schema?: string;
  readonly sqliteFile: string;
}

/** Opens the store and checks it answers, so a bad URL fails at start with a clear error. */
export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  const database = options.url
    ? await openPostgres(options.url, options.schema)
    : openSqlite(options.sqliteFile);
  try {
    await database.knex.raw('select 1');
  } catch (error) {
    await database.close();
    throw new EmError('EM_STORE_CONNECT', `cannot reach ${database.description}: ${errorMessageOf(error)}`, {
      cause: error,
      hint: 'Check DATABASE_URL (postgres://user@host:port/db) and that the server accepts connections.',
    });
  }
  return database;
}

/** knex prints to the console by default; its errors reach us as exceptions, so only keep them out of stdout. */
const quietKnexLog = { warn() {}, error() {}, deprecate() {}, debug() {} };

function openSqlite(file: string): Database {
  mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const instance = knex({
    log: quietKnexLog,
    client: 'better-sqlite3',
    connection: { filename: file },
    useNullAsDefault: true,
    pool: {
      afterCreate: (connection: { pragma(sql: string): unknown }, done: (error: Error | null) => void) => {
        // WAL lets readers (API) run while the poller writes; foreign keys are off by default in SQLite.
        connection.pragma('journal_mode = WAL');
        connection.pragma('foreign_keys = ON');
        connection.pragma('busy_timeout = 5000');
        done(null);
      },
    },
  });
  return {
    knex: instance,
    dialect: 'sqlite',
    description: `SQLite ${file}`,
    close: () => instance.destroy(),
  };
}

async function openPostgres(url: string, schema: string | undefined): Promise<Database> {
  const instance = knex({
    log: quietKnexLog,
    client: 'pg',
    connection: url,
    pool: { min: 0, max: 10 },
    ...(schema ? { searchPath: [schema] } : {}),
  });
  const description = `PostgreSQL ${redact(url)}${schema ? ` schema ${schema}` : ''}`;
  if (schema) {
    try {
      await instance.raw('create schema if not exists ??', [schema]);
    } catch (error) {
      await instance.destroy();
      throw new EmError('EM_STORE_CONNECT', `cannot prepare ${description}: ${errorMessageOf(error)}`, {
        cause: error,
      });
    }
  }
  return { knex: instance, dialect: 'postgres', description, close: () => instance.destroy() };
}

function redact(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'postgres://(unparsable URL)';
  }
}
