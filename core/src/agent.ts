import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  agentServiceRef,
  alertsServiceRef,
  alertTransitionParticipantsRef,
  createScheduler,
  encodersServiceRef,
  notificationActionsRef,
  type Clock,
  type Logger,
} from '@encoder-manager/sdk';
import { notificationActions } from './alerts/actions.js';
import { AlertEngine } from './alerts/engine.js';
import { AlertRepository } from './alerts/repository.js';
import { CoreEventBus } from './bus/event-bus.js';
import { CheckRunner } from './checks/runner.js';
import { systemClock } from './clock.js';
import type { LoadedConfig } from './config/load.js';
import { EncoderPoller } from './encoders/poller.js';
import { createEncodersService } from './encoders/service.js';
import { createLogger } from './log/logger.js';
import { PluginHost } from './plugins/host.js';
import { ServiceRegistry } from './plugins/services.js';
import { openDatabase, type Database } from './store/database.js';
import { migratePlugins } from './store/migrations.js';
import { createPluginStore } from './store/plugin-store.js';

/** The core's own tables (alerts, silences) migrate like a plugin named `core`. */
export const CORE_PACKAGE = { name: 'core', packageDir: fileURLToPath(new URL('..', import.meta.url)) };

/** A running agent. */
export interface Agent {
  readonly log: Logger;
  readonly bus: CoreEventBus;
  readonly host: PluginHost;
  readonly poller: EncoderPoller;
  readonly alerts: AlertEngine;
  readonly database: Database;
  readonly services: ServiceRegistry;
  /** Stops plugins in reverse order, then the poller and the store. */
  stop(): Promise<void>;
}

/** Overrides for tests and embedding. */
export interface AgentOptions {
  readonly clock?: Clock;
  readonly log?: Logger;
  readonly env?: NodeJS.ProcessEnv;
  /**
   * `run` (default) calls every plugin's `ready()` and starts polling. `command` only sets plugins up,
   * for one-shot CLI commands that must not start servers or loops.
   */
  readonly mode?: 'run' | 'command';
}

/** Resolves where the data lives; `DATABASE_URL` (and `DATABASE_SCHEMA`) override the config. */
export function storeOptions(config: LoadedConfig, env: NodeJS.ProcessEnv) {
  const { store } = config.core;
  const dataDir = path.resolve(config.source.baseDir, config.core.agent.dataDir);
  return {
    dataDir,
    url: env.DATABASE_URL || store.url,
    schema: env.DATABASE_SCHEMA || store.schema,
    sqliteFile: path.resolve(dataDir, store.sqliteFile),
  };
}

/** Starts an agent from a validated config: store, migrations, alert engine, plugins, then polling. */
export async function startAgent(config: LoadedConfig, options: AgentOptions = {}): Promise<Agent> {
  const clock = options.clock ?? systemClock;
  const log = options.log ?? createLogger(config.core.log);
  const where = storeOptions(config, options.env ?? process.env);
  const database = await openMigrated(config, where, log);
  const bus = new CoreEventBus(clock, log);
  const services = new ServiceRegistry();
  const scheduler = createScheduler(clock, log.child({ component: 'core' }));
  const store = (name: string) => createPluginStore(database.knex, name, database.dialect);
  const host = new PluginHost(config.plugins, { bus, clock, log, services, dataDir: where.dataDir, store });
  const poller = new EncoderPoller(services, bus, clock, log.child({ component: 'poller' }), {
    ...config.core.polling,
    summaryIntervalSec: config.core.log.summaryIntervalSec,
  });
  const checks = new CheckRunner(services, poller, bus, log.child({ component: 'checks' }));
  const participants = () => services.useAllWithOwners(alertTransitionParticipantsRef);
  const alerts = new AlertEngine(
    new AlertRepository(database.knex, participants),
    bus,
    clock,
    log.child({ component: 'alerts' }),
    config.core.alerts,
  );
  services.provide('core', alertsServiceRef, alerts);
  services.provide(
    'core',
    notificationActionsRef,
    notificationActions(alerts, () => clock.now()),
  );
  services.provide(
    'core',
    encodersServiceRef,
    createEncodersService(services, poller, config.core.polling.intervalMs),
  );
  const startedAt = clock.now();
  services.provide('core', agentServiceRef, {
    plugins: () =>
      host.statuses().map((status) => ({
        ...status,
        configSchema: config.plugins.find((p) => p.name === status.name)?.definition.configSchema,
      })),
    diagnostics: () => ({ startedAt, bus: bus.stats(), store: database.description }),
  });
  const stop = async () => {
    scheduler.stopAll();
    checks.stop();
    poller.stop();
    await host.stop();
    await bus.idle();
    await database.close();
  };
  try {
    await alerts.start(scheduler);
    await seedConfigSilences(alerts, config);
    await host.start();
    if (options.mode !== 'command') await host.ready();
  } catch (error) {
    await stop();
    throw error;
  }
  if (options.mode !== 'command') {
    checks.start();
    poller.start();
  }
  const plugins = host.statuses().map(({ name, version, state }) => `${name}@${version} ${state}`);
  log.info({ plugins }, 'agent ready');
  return { log, bus, host, poller, alerts, database, services, stop };
}

async function openMigrated(
  config: LoadedConfig,
  where: ReturnType<typeof storeOptions>,
  log: Logger,
): Promise<Database> {
  const database = await openDatabase(where);
  log.info({ store: database.description }, 'store open');
  try {
    const reports = await migratePlugins(database.knex, [CORE_PACKAGE, ...config.plugins], where.schema);
    for (const report of reports.filter((r) => r.applied.length > 0))
      log.info({ ...report }, 'migrations applied');
  } catch (error) {
    await database.close();
    throw error;
  }
  return database;
}

/** Scheduled maintenance windows from the config, kept under stable ids so restarts do not duplicate them. */
async function seedConfigSilences(alerts: AlertEngine, config: LoadedConfig): Promise<void> {
  for (const [index, silence] of config.core.alerts.silences.entries()) {
    await alerts.putSilence({ ...silence, id: `config:${index}`, createdBy: 'config' });
  }
}
