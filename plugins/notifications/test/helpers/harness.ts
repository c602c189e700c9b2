import { fileURLToPath } from 'node:url';
import type { Alert, AlertState, AlertTransition, Notifier, PluginStore } from '@encoder-manager/sdk';
import { notifiersRef } from '@encoder-manager/sdk';
import { bindService, createTestContext, FakeClock, type TestContext } from '@encoder-manager/sdk/testing';
import type { Database } from '../../../../core/src/store/database.js';
import { migratePlugins } from '../../../../core/src/store/migrations.js';
import { createPluginStore } from '../../../../core/src/store/plugin-store.js';
import type { TestBackend } from '../../../../core/test/helpers/databases.js';
import { startNotifications, type Notifications, type StartOptions } from '../../src/start.js';
import type { NotificationsConfig } from '../../src/settings/schema.js';

export { testBackends } from '../../../../core/test/helpers/databases.js';

const packageDir = fileURLToPath(new URL('../../', import.meta.url));
const TABLES = ['outbox', 'timers', 'alert_state', 'endpoints', 'secrets', 'settings'];
/** A key for tests: 44 characters like `openssl rand -base64 32`. */
export const TEST_KEY = 'q3l2cYw1Jv3h7oW6Xn0pE8bM5tR9sKzA4uD2fG6hJ8k=';

/** An opened, migrated database and the plugin's store on it. */
export interface OpenStore {
  readonly db: Database;
  readonly store: PluginStore;
  /** Empties every notifications table between tests. */
  reset(): Promise<void>;
  close(): Promise<void>;
}

/** Opens a backend and applies the plugin's real migrations. */
export async function openStore(backend: TestBackend): Promise<OpenStore> {
  const db = await backend.open();
  await migratePlugins(db.knex, [{ name: 'notifications', packageDir }], backend.schema);
  const store = createPluginStore(db.knex, 'notifications', db.dialect);
  return {
    db,
    store,
    reset: async () => {
      for (const table of TABLES) await store.table(table).delete();
    },
    close: async () => {
      await db.close();
      await backend.cleanup();
    },
  };
}

/** A running plugin instance in a test context. */
export interface Running {
  readonly t: TestContext<FakeClock>;
  readonly n: Notifications;
  readonly clock: FakeClock;
  /** One worker pass (timers + due batches). */
  tick(): Promise<void>;
  /** Records a transition in a committed transaction, as the alert engine will. */
  record(transition: AlertTransition): Promise<void>;
}

/** Starts the plugin against a store with test notifiers. */
export async function start(
  store: PluginStore,
  config: NotificationsConfig,
  notifiers: readonly Notifier[],
  options: StartOptions & { clock?: FakeClock } = {},
): Promise<Running> {
  const clock = options.clock ?? new FakeClock();
  const t = createTestContext({
    name: 'notifications',
    store,
    clock,
    services: notifiers.map((x) => bindService(notifiersRef, x)),
  });
  const n = await startNotifications(t.ctx, config, { env: { EM_SECRET_KEY: TEST_KEY }, ...options });
  const signal = new AbortController().signal;
  return {
    t,
    n,
    clock,
    tick: async () => {
      await n.worker.tick(signal);
      await t.flush();
    },
    record: (transition) => store.transaction((tx) => n.participant.record(transition, tx)),
  };
}

/** An alert in a state. */
export function alert(fingerprint: string, state: AlertState = 'firing', extra: Partial<Alert> = {}): Alert {
  return {
    fingerprint,
    name: 'stream-down',
    state,
    severity: 'critical',
    labels: { site: 'hq', encoder: fingerprint },
    summary: `${fingerprint} stream is down`,
    startsAt: Date.UTC(2026, 0, 1),
    ...extra,
  };
}

/** A transition of an alert. */
export function transition(a: Alert, previous: AlertState | undefined, at: number): AlertTransition {
  return { alert: a, previous, at };
}
