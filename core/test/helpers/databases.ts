import { randomBytes } from 'node:crypto';
import path from 'node:path';
import knex from 'knex';
import { openDatabase, type Database } from '../../src/store/database.js';
import { tempDir } from './fixture-plugins.js';

/** The machine's PostgreSQL (trust auth); override with TEST_DATABASE_URL. */
export const POSTGRES_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** A store backend under test, opened on a fresh file or a fresh PostgreSQL schema. */
export interface TestBackend {
  readonly name: 'sqlite' | 'postgres';
  /** Options for openDatabase / the env of a CLI run. */
  readonly url?: string;
  readonly schema?: string;
  readonly sqliteFile: string;
  open(): Promise<Database>;
  /** Drops the schema (PostgreSQL); the SQLite file lives in a temp folder. */
  cleanup(): Promise<void>;
}

/** Both backends, each isolated so runs (and parallel CI jobs) never collide. */
export function testBackends(): TestBackend[] {
  const sqliteFile = path.join(tempDir('sqlite'), 'test.sqlite');
  const schema = `em_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  return [
    { name: 'sqlite', sqliteFile, open: () => openDatabase({ sqliteFile }), cleanup: async () => {} },
    {
      name: 'postgres',
      url: POSTGRES_URL,
      schema,
      sqliteFile,
      open: () => openDatabase({ url: POSTGRES_URL, schema, sqliteFile }),
      cleanup: () => dropSchema(schema),
    },
  ];
}

async function dropSchema(schema: string): Promise<void> {
  const db = knex({ client: 'pg', connection: POSTGRES_URL });
  try {
    await db.raw('drop schema if exists ?? cascade', [schema]);
  } finally {
    await db.destroy();
  }
}
