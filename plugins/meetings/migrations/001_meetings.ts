import type { Knex } from 'knex';

/*
 * Epoch-millisecond instants are bigint (PostgreSQL returns them as strings; the row mappers convert).
 * JSON values are text so the same SQL runs on SQLite and PostgreSQL.
 */

/** Catalog sources, their HTTP validators and the items of their last good document. */
async function createSources(knex: Knex): Promise<void> {
  await knex.schema.createTable('meetings_sources', (t) => {
    t.string('name', 100).primary();
    t.string('city', 200).notNullable();
    t.string('body', 200).notNullable();
    t.string('type', 60).notNullable();
    t.text('url').notNullable();
    t.text('options');
    t.string('time_zone', 64).notNullable();
    t.integer('priority').notNullable().defaultTo(1);
    t.boolean('merge').notNullable().defaultTo(false);
    t.integer('interval_min').notNullable();
    t.boolean('enabled').notNullable().defaultTo(true);
    t.string('origin', 16).notNullable();
    t.text('etag');
    t.text('last_modified');
    // The parsed items of the last good document: a 304 reuses them instead of re-downloading.
    t.text('cached_items');
    t.bigInteger('updated_at').notNullable();
    t.index(['city', 'body', 'priority']);
  });
}

/** One row per attempt to scrape one source. */
async function createRuns(knex: Knex): Promise<void> {
  await knex.schema.createTable('meetings_runs', (t) => {
    t.increments('id').primary();
    t.string('source', 100).notNullable();
    t.bigInteger('started_at').notNullable();
    t.bigInteger('finished_at').notNullable();
    t.integer('items_found').notNullable().defaultTo(0);
    t.integer('http_status');
    t.boolean('not_modified').notNullable().defaultTo(false);
    t.integer('attempts').notNullable().defaultTo(0);
    t.string('error_code', 60);
    t.text('error_message');
    t.index(['source', 'started_at']);
  });
}

/** Merged meetings with change-detection bookkeeping. */
async function createMeetings(knex: Knex): Promise<void> {
  await knex.schema.createTable('meetings_meetings', (t) => {
    t.string('id', 500).primary();
    t.string('group_key', 420).notNullable();
    t.string('source', 100).notNullable();
    t.string('city', 200).notNullable();
    t.string('body', 200).notNullable();
    t.text('title').notNullable();
    t.string('start_local', 19).notNullable();
    t.string('end_local', 19);
    t.string('time_zone', 64).notNullable();
    t.string('starts_at', 40).notNullable();
    t.string('ends_at', 40);
    t.bigInteger('starts_at_ms').notNullable();
    t.bigInteger('ends_at_ms');
    t.boolean('all_day').notNullable().defaultTo(false);
    t.string('status', 16).notNullable();
    t.string('status_hint', 16);
    t.text('location_name');
    t.text('location_address');
    t.text('links').notNullable();
    t.text('time_notes');
    t.text('source_url').notNullable();
    t.string('source_id', 200);
    t.text('seen_by').notNullable();
    t.bigInteger('first_seen_at').notNullable();
    t.bigInteger('last_seen_at').notNullable();
    t.bigInteger('scraped_at').notNullable();
    t.integer('missed_count').notNullable().defaultTo(0);
    t.index(['group_key', 'starts_at_ms']);
    t.index(['starts_at_ms']);
  });
}

export async function up(knex: Knex): Promise<void> {
  await createSources(knex);
  await createRuns(knex);
  await createMeetings(knex);
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('meetings_meetings');
  await knex.schema.dropTableIfExists('meetings_runs');
  await knex.schema.dropTableIfExists('meetings_sources');
}
