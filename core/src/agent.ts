import path from 'node:path';
import type { Clock, Logger } from '@encoder-manager/sdk';
import { CoreEventBus } from './bus/event-bus.js';
import { systemClock } from './clock.js';
import type { LoadedConfig } from './config/load.js';
import { EncoderPoller } from './encoders/poller.js';
import { createLogger } from './log/logger.js';
import { PluginHost } from './plugins/host.js';
import { ServiceRegistry } from './plugins/services.js';
import { openDatabase, type Database } from './store/database.js';
import { migratePlugins } from './store/migrations.js';
import { createPluginStore } from './store/plugin-store.js';

/** A running agent. */
export interface Agent {
  readonly log: Logger;
  readonly bus: CoreEventBus;
  readonly host: PluginHost;
  readonly poller: EncoderPoller;
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

/** Starts an agent from a validated config: store, migrations, plugins, then encoder polling. */
export async function startAgent(config: LoadedConfig, options: AgentOptions = {}): Promise<Agent> {
  const clock = options.clock ?? systemClock;
  const log = options.log ?? createLogger(config.core.log);
  const where = storeOptions(config, options.env ?? process.env);
  const database = await openDatabase(where);
  log.info({ store: database.description }, 'store open');
  try {
    const reports = await migratePlugins(database.knex, config.plugins, where.schema);
    for (const report of reports.filter((r) => r.applied.length > 0))
      log.info({ ...report }, 'migrations applied');
  } catch (error) {
    await database.close();
    throw error;
  }
  const bus = new CoreEventBus(clock, log);
  const services = new ServiceRegistry();
  const store = (name: string) => createPluginStore(database.knex, name, database.dialect);
  const host = new PluginHost(config.plugins, { bus, clock, log, services, dataDir: where.dataDir, store });
  const poller = new EncoderPoller(services, bus, clock, log.child({ component: 'poller' }), {
    ...config.core.polling,
    summaryIntervalSec: config.core.log.summaryIntervalSec,
  });
  const stop = async () => {
    poller.stop();
    await host.stop();
    await bus.idle();
    await database.close();
  };
  try {
    await host.start();
    if (options.mode !== 'command') await host.ready();
  } catch (error) {
    await stop();
    throw error;
  }
  if (options.mode !== 'command') poller.start();
  log.info(
    { plugins: host.statuses().map(({ name, version, state }) => `${name}@${version} ${state}`) },
    'agent ready',
  );
  return { log, bus, host, poller, database, services, stop };
}
