import type { Knex } from 'knex';

/** Alerts (current state per fingerprint), their transitions, and silences. */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('core_alerts', (table) => {
    table.string('fingerprint', 64).primary();
    table.string('name', 200).notNullable();
    table.string('state', 16).notNullable().index();
    table.string('severity', 16).notNullable();
    table.text('labels').notNullable();
    table.text('summary').notNullable();
    table.bigInteger('starts_at').notNullable();
    table.bigInteger('firing_at');
    table.bigInteger('ends_at');
    table.double('value');
    table.string('suppressed_by', 16);
    table.string('suppressed_by_ref', 100);
    table.boolean('flapping').notNullable().defaultTo(false);
    table.text('flap_history').notNullable().defaultTo('');
    table.text('members');
    table.string('acknowledged_by', 200);
    table.bigInteger('acknowledged_at');
    table.bigInteger('updated_at').notNullable();
  });
  await knex.schema.createTable('core_alert_transitions', (table) => {
    table.increments('id');
    table.string('fingerprint', 64).notNullable().index();
    table.string('name', 200).notNullable();
    table.string('from_state', 16);
    table.string('to_state', 16).notNullable();
    table.string('severity', 16).notNullable();
    table.string('suppressed_by', 16);
    table.bigInteger('at').notNullable().index();
  });
  await knex.schema.createTable('core_silences', (table) => {
    table.string('id', 64).primary();
    table.text('matchers').notNullable();
    table.text('comment').notNullable();
    table.string('created_by', 200).notNullable();
    table.bigInteger('starts_at');
    table.bigInteger('ends_at');
    table.text('schedule');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('core_silences');
  await knex.schema.dropTable('core_alert_transitions');
  await knex.schema.dropTable('core_alerts');
}
