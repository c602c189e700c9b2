import type { Knex } from 'knex';
import {
  createScheduler,
  type AlertTransitionParticipant,
  type CheckResult,
  type CheckStatus,
} from '@encoder-manager/sdk';
import { FakeClock } from '@encoder-manager/sdk/testing';
import { CORE_PACKAGE } from '../../src/agent.js';
import { AlertEngine } from '../../src/alerts/engine.js';
import type { AlertPolicy } from '../../src/alerts/policy.js';
import { AlertRepository } from '../../src/alerts/repository.js';
import { CoreEventBus } from '../../src/bus/event-bus.js';
import { migratePlugins } from '../../src/store/migrations.js';
import { MemoryLog } from '../helpers/memory-log.js';

/** Quiet defaults; each test overrides what it is about. */
export const POLICY: AlertPolicy = {
  forMs: 0,
  holdDownMs: 0,
  flap: { window: 21, highPct: 50, lowPct: 25 },
  groupBy: [],
  groupWaitMs: 0,
  groupMin: 2,
  inhibitRules: [],
};

/** A participant that writes an outbox row per unsuppressed transition, like the notifications plugin. */
export function outboxParticipant(options: { failOn?: string } = {}): AlertTransitionParticipant {
  return {
    async record(transition, tx) {
      if (options.failOn && transition.alert.labels.subject === options.failOn)
        throw new Error('participant refused');
      await tx.table('outbox').insert({
        fingerprint: transition.alert.fingerprint,
        state: transition.alert.state,
        suppressed: transition.alert.suppressedBy ?? null,
        at: transition.at,
      });
    },
  };
}

/** An engine on a migrated database with a fake clock, a real bus and an outbox participant. */
export async function makeEngine(
  db: Knex,
  schema: string | undefined,
  policy: Partial<AlertPolicy> = {},
  participant = outboxParticipant(),
) {
  await migratePlugins(db, [CORE_PACKAGE], schema);
  if (!(await db.schema.hasTable('test_outbox'))) {
    await db.schema.createTable('test_outbox', (t) => {
      t.increments('id');
      t.string('fingerprint');
      t.string('state');
      t.string('suppressed');
      t.bigInteger('at');
    });
  }
  const clock = new FakeClock(Date.UTC(2026, 10, 24, 12, 0, 0));
  const log = new MemoryLog();
  const bus = new CoreEventBus(clock, log.logger());
  const events: { name: string; fingerprint: string; suppressedBy?: string }[] = [];
  bus.subscribe('test', '*', (event) => {
    if (event.name.startsWith('alert.')) {
      const alert = event.payload as { fingerprint: string; suppressedBy?: string };
      events.push({ name: event.name, fingerprint: alert.fingerprint, suppressedBy: alert.suppressedBy });
    }
  });
  const repository = new AlertRepository(db, () => [{ owner: 'test', implementation: participant }]);
  const engine = new AlertEngine(repository, bus, clock, log.logger(), { ...POLICY, ...policy });
  const scheduler = createScheduler(clock, log.logger());
  await engine.start(scheduler);
  const result = (
    subject: string,
    status: CheckStatus,
    labels: Record<string, string> = {},
  ): CheckResult => ({
    check: 'temperature',
    subject,
    status,
    message: `${subject} is ${status}`,
    labels: { encoder: subject, ...labels },
    at: clock.now(),
  });
  const feed = async (subject: string, status: CheckStatus, labels?: Record<string, string>) =>
    engine.handle(result(subject, status, labels));
  const outbox = async () =>
    (await db('test_outbox').orderBy('id')) as {
      fingerprint: string;
      state: string;
      suppressed: string | null;
    }[];
  const stop = async () => {
    scheduler.stopAll();
    await bus.idle();
  };
  return { engine, clock, bus, events, feed, outbox, stop, log };
}
