import type { Knex } from 'knex';

/**
 * The notifications tables. Times are epoch milliseconds from the agent's clock (bigint), JSON is text
 * so SQLite and PostgreSQL store it the same way.
 */
export async function up(knex: Knex): Promise<void> {
  // Recipients, rules, roles, templates and channel settings written through the service.
  await knex.schema.createTable('notifications_settings', (t) => {
    t.string('kind', 16).notNullable();
    t.string('id', 200).notNullable();
    t.text('doc').notNullable();
    t.bigInteger('updated_at').notNullable();
    t.primary(['kind', 'id']);
  });
  // Channel secrets, AES-256-GCM ciphertext only.
  await knex.schema.createTable('notifications_secrets', (t) => {
    t.string('channel', 64).notNullable();
    t.string('name', 64).notNullable();
    t.text('ciphertext').notNullable();
    t.bigInteger('updated_at').notNullable();
    t.primary(['channel', 'name']);
  });
  // Per recipient and channel: a flag after a permanent error, or a new address (migrated chat).
  await knex.schema.createTable('notifications_endpoints', (t) => {
    t.string('recipient_id', 64).notNullable();
    t.string('channel', 64).notNullable();
    t.text('address_override');
    t.text('disabled_reason');
    t.bigInteger('disabled_at');
    t.primary(['recipient_id', 'channel']);
  });
  await createOutbox(knex);
  await createAlertState(knex);
}

async function createOutbox(knex: Knex): Promise<void> {
  await knex.schema.createTable('notifications_outbox', (t) => {
    t.string('id', 64).primary();
    t.string('event_type', 64).notNullable();
    t.string('fingerprint', 200);
    t.string('rule_id', 64);
    t.string('recipient_id', 64).notNullable();
    t.string('channel', 64).notNullable();
    t.text('address').notNullable();
    t.string('group_key', 500).notNullable();
    t.integer('priority').notNullable();
    t.string('severity', 16).notNullable();
    t.text('context').notNullable();
    t.boolean('alert_on_dead').notNullable();
    t.bigInteger('created_at').notNullable();
    t.bigInteger('not_before').notNullable();
    t.bigInteger('next_attempt_at').notNullable();
    t.bigInteger('expires_at').notNullable();
    t.integer('group_window_ms').notNullable();
    t.string('status', 16).notNullable();
    t.string('batch_id', 64);
    t.integer('attempts').notNullable().defaultTo(0);
    t.string('claimed_by', 64);
    t.bigInteger('claimed_until');
    t.text('last_error');
    t.string('provider_id', 200);
    t.bigInteger('sent_at');
    t.bigInteger('dead_at');
    t.index(['status', 'next_attempt_at'], 'notifications_outbox_due');
    t.index(['batch_id'], 'notifications_outbox_batch');
    t.index(['group_key', 'recipient_id', 'channel', 'status'], 'notifications_outbox_group');
  });
}

async function createAlertState(knex: Knex): Promise<void> {
  // Per rule and alert: occurrences for first-after-N, whether a firing message went out, escalation.
  await knex.schema.createTable('notifications_alert_state', (t) => {
    t.string('rule_id', 64).notNullable();
    t.string('fingerprint', 200).notNullable();
    t.string('state', 16).notNullable();
    t.integer('occurrences').notNullable();
    t.bigInteger('window_started_at').notNullable();
    t.boolean('notified').notNullable();
    t.integer('escalation_level').notNullable().defaultTo(0);
    t.bigInteger('acknowledged_at');
    t.string('acknowledged_by', 200);
    t.bigInteger('updated_at').notNullable();
    t.primary(['rule_id', 'fingerprint']);
  });
  // Escalation steps and repeat reminders, due at a time, so they survive restarts.
  await knex.schema.createTable('notifications_timers', (t) => {
    t.string('id', 64).primary();
    t.string('kind', 16).notNullable();
    t.string('rule_id', 64).notNullable();
    t.string('fingerprint', 200).notNullable();
    t.integer('step').notNullable();
    t.bigInteger('due_at').notNullable();
    t.text('alert').notNullable();
    t.index(['due_at'], 'notifications_timers_due');
    t.index(['fingerprint'], 'notifications_timers_fingerprint');
  });
}

export async function down(knex: Knex): Promise<void> {
  for (const table of ['timers', 'alert_state', 'outbox', 'endpoints', 'secrets', 'settings']) {
    await knex.schema.dropTableIfExists(`notifications_${table}`);
  }
}
