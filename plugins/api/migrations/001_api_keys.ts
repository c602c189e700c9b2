import type { Knex } from 'knex';

/**
 * API keys, stored only as SHA-256 digests (unique index: a lookup never compares secrets byte-wise).
 * Times are epoch milliseconds from the agent's clock.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('api_keys', (t) => {
    t.string('id', 32).primary();
    t.string('name', 100).notNullable();
    t.string('digest', 64).notNullable().unique();
    t.string('last4', 4).notNullable();
    t.string('scope', 16).notNullable();
    // JSON array of site label values, or null for every site.
    t.text('sites');
    t.bigInteger('created_at').notNullable();
    t.string('created_by', 100).notNullable();
    t.bigInteger('expires_at').notNullable();
    t.bigInteger('revoked_at');
    t.string('revoked_by', 100);
    t.string('rotated_from', 32);
    t.string('replaced_by', 32);
    t.bigInteger('last_used_at');
    t.string('last_used_ip', 64);
    // Days-before-expiry of the last warning published, so each warning goes out once.
    t.integer('expiry_notice');
    t.index(['expires_at']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('api_keys');
}
