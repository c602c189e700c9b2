import { Type, type Logger, type PluginDefinition, type TSchema } from '@encoder-manager/sdk';
import { CoreEventBus } from '../../src/bus/event-bus.js';
import { systemClock } from '../../src/clock.js';
import type { PluginEntry } from '../../src/config/core-schema.js';
import { PluginHost } from '../../src/plugins/host.js';
import type { LoadedPlugin } from '../../src/plugins/load.js';
import { orderPlugins } from '../../src/plugins/order.js';
import { ServiceRegistry } from '../../src/plugins/services.js';
import { MemoryLog } from './memory-log.js';
import { tempDir } from './fixture-plugins.js';

/** A plugin definition for host tests; only `setup` usually varies. */
export function definition(
  name: string,
  setup: PluginDefinition['setup'],
  extra: Partial<PluginDefinition> = {},
): PluginDefinition<TSchema> {
  return {
    name,
    version: '1.0.0',
    sdk: '^1.0.0',
    kind: 'service',
    configSchema: Type.Object({}),
    setup,
    ...extra,
  };
}

/** A loaded plugin with the config entry's defaults, as the loader would produce it. */
export function loaded(def: PluginDefinition, entry: Partial<PluginEntry> = {}): LoadedPlugin {
  const fullEntry: PluginEntry = {
    enabled: true,
    failurePolicy: 'fail',
    setupTimeoutMs: 10_000,
    stopTimeoutMs: 5_000,
    retry: { initialDelayMs: 100, maxDelayMs: 1000, maxAttempts: 0 },
    config: {},
    ...entry,
  };
  return {
    name: def.name,
    definition: def,
    packageName: `test-${def.name}`,
    packageDir: '/nonexistent',
    entry: fullEntry,
    config: {},
  };
}

/** A host over real bus/services with an in-memory log, plugins ordered as the loader would. */
export function makeHost(plugins: LoadedPlugin[]) {
  const log = new MemoryLog();
  const logger: Logger = log.logger();
  const bus = new CoreEventBus(systemClock, logger);
  const services = new ServiceRegistry();
  const ordered = orderPlugins(plugins);
  if (ordered.problems.length > 0) throw new Error(ordered.problems.map((p) => p.message).join('; '));
  const host = new PluginHost(ordered.plugins, {
    bus,
    clock: systemClock,
    log: logger,
    services,
    dataDir: tempDir('data'),
    store: () => {
      throw new Error('no store in host tests');
    },
  });
  return { host, bus, services, log };
}

/** The state of one plugin in the host. */
export function stateOf(host: PluginHost, name: string) {
  return host.statuses().find((status) => status.name === name);
}
