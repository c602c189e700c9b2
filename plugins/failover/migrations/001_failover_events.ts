import type { Knex } from 'knex';

/** Every failover, return and manual switch with its timeline. */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('failover_events', (table) => {
    table.string('id', 64).primary();
    table.string('channel', 100).notNullable().index();
    table.string('kind', 16).notNullable();
    table.string('from_encoder', 100);
    table.string('to_encoder', 100);
    table.text('reason').notNullable();
    table.bigInteger('detected_at').notNullable().index();
    table.bigInteger('decided_at');
    table.bigInteger('commanded_at');
    table.bigInteger('confirmed_at');
    table.string('outcome', 16).notNullable();
    table.text('error');
    table.integer('merged_triggers').notNullable().defaultTo(0);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('failover_events');
}
