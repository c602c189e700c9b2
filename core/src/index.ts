export { startAgent, storeOptions, type Agent, type AgentOptions } from './agent.js';
export { CoreEventBus } from './bus/event-bus.js';
export { systemClock } from './clock.js';
export { loadConfig, loadConfigFromSource, type LoadedConfig } from './config/load.js';
export { formatProblems, type ConfigProblem } from './config/problems.js';
export { createLogger } from './log/logger.js';
export { PluginHost, type PluginStatus } from './plugins/host.js';
export { openDatabase, type Database } from './store/database.js';
export { migratePlugins } from './store/migrations.js';
