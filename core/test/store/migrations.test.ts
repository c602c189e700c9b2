import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import type { Database } from '../../src/store/database.js';
import { migratePlugins } from '../../src/store/migrations.js';
import { createPluginStore } from '../../src/store/plugin-store.js';
import { listTables } from '../../src/store/tables.js';
import { runCli } from '../helpers/cli.js';
import { testBackends } from '../helpers/databases.js';
import { tempDir, writeFixturePlugin } from '../helpers/fixture-plugins.js';

const root = tempDir('migrations');
const alpha = {
  name: 'store-alpha',
  packageDir: writeFixturePlugin(root, {
    name: 'store-alpha',
    migrations: {
      '001_create_items.js': `export async function up(knex) {
  await knex.schema.createTable('store_alpha_items', (t) => { t.increments('id'); t.string('name').notNullable(); });
}
export async function down(knex) { await knex.schema.dropTable('store_alpha_items'); }`,
      '002_add_created_at.js': `export async function up(knex) {
  await knex.schema.alterTable('store_alpha_items', (t) => { t.bigInteger('created_at').notNullable().defaultTo(0); });
}`,
    },
  }),
};
const beta = {
  name: 'store-beta',
  packageDir: writeFixturePlugin(root, {
    name: 'store-beta',
    migrations: {
      '001_events.js': `export async function up(knex) {
  await knex.schema.createTable('store_beta_events', (t) => { t.string('id').primary(); t.text('payload'); });
}`,
    },
  }),
};
const rogue = {
  name: 'rogue',
  packageDir: writeFixturePlugin(root, {
    name: 'rogue',
    migrations: {
      '001_bad.js': `export async function up(knex) { await knex.schema.createTable('alerts', (t) => { t.increments('id'); }); }`,
    },
  }),
};

for (const backend of testBackends()) {
  describe(`plugin migrations on ${backend.name}`, function () {
    this.timeout(30_000);
    let db: Database;

    before(async () => {
      db = await backend.open();
    });
    after(async () => {
      await db.close();
      await backend.cleanup();
    });

    it("applies two plugins' migrations in order, each with its own prefix and ledger", async () => {
      const reports = await migratePlugins(db.knex, [alpha, beta], backend.schema);
      expect(reports).to.deep.equal([
        { plugin: 'store-alpha', applied: ['001_create_items', '002_add_created_at'] },
        { plugin: 'store-beta', applied: ['001_events'] },
      ]);
      const tables = await listTables(db.knex);
      expect(tables).to.include.members([
        'store_alpha_items',
        'store_alpha_knex_migrations',
        'store_beta_events',
        'store_beta_knex_migrations',
      ]);
    });

    it('is idempotent: a second run applies nothing and keeps the data', async () => {
      const store = createPluginStore(db.knex, 'store-alpha', db.dialect);
      await store.table('items').insert({ name: 'kept', created_at: 1 });
      const reports = await migratePlugins(db.knex, [alpha, beta], backend.schema);
      expect(reports.map((r) => r.applied)).to.deep.equal([[], []]);
      expect(await store.table('items').select('name')).to.deep.equal([{ name: 'kept' }]);
    });

    it('refuses and rolls back a migration that creates a table outside the prefix', async () => {
      const error = await migratePlugins(db.knex, [rogue], backend.schema).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).to.have.property('code', 'EM_MIGRATION_TABLE_PREFIX');
      expect(String((error as Error).message)).to.contain(
        'created alerts outside the plugin\'s prefix "rogue_"',
      );
      expect(await listTables(db.knex)).to.not.include('alerts');
    });

    it('gives each plugin a store handle scoped to its prefix, with transactions', async () => {
      const store = createPluginStore(db.knex, 'store-beta', db.dialect);
      expect(store.tableName('events')).to.equal('store_beta_events');
      await store.transaction(async (tx) => {
        await tx.table('events').insert({ id: 'e1', payload: '{}' });
      });
      const failed = store.transaction(async (tx) => {
        await tx.table('events').insert({ id: 'e2', payload: '{}' });
        throw new Error('abort');
      });
      await failed.catch(() => {});
      expect((await store.table('events').select('id')).map((row: { id: string }) => row.id)).to.deep.equal([
        'e1',
      ]);
    });
  });
}

describe('encoder-manager migrate (CLI)', function () {
  this.timeout(60_000);
  for (const backend of testBackends()) {
    it(`runs at start of day and again with nothing to do on ${backend.name}`, async () => {
      const dir = tempDir('migrate-cli');
      const file = path.join(dir, 'encoder-manager.yaml');
      writeFileSync(
        file,
        `plugins:\n  store-alpha:\n    package: ${alpha.packageDir}\n  store-beta:\n    package: ${beta.packageDir}\n`,
      );
      const env = backend.url ? { DATABASE_URL: backend.url, DATABASE_SCHEMA: backend.schema } : {};
      try {
        const first = await runCli(['migrate', '--config', file], { env });
        expect(first.stderr).to.equal('');
        expect(first.stdout).to.contain('store-alpha: applied 001_create_items, 002_add_created_at');
        expect(first.stdout).to.contain('store-beta: applied 001_events');
        const second = await runCli(['migrate', '--config', file], { env });
        expect(second.code).to.equal(0);
        expect(second.stdout).to.contain('store-alpha: up to date');
        expect(second.stdout).to.contain('store-beta: up to date');
      } finally {
        await backend.cleanup();
      }
    });
  }
});
