import type { Static, TSchema } from '@sinclair/typebox';
import type { Clock } from './clock.js';
import type { EventBus } from './events.js';
import type { Logger } from './logger.js';
import type { Scheduler } from './scheduler.js';
import type { ServiceRef } from './services.js';
import type { PluginStore } from './store.js';

/** What a plugin mainly does. `service` covers everything else (api, failover, notifications …). */
export type PluginKind = 'driver' | 'check' | 'remediation' | 'notifier' | 'scraper' | 'service';

/** The plugin kinds, for validation and listings. */
export const PLUGIN_KINDS: readonly PluginKind[] = [
  'driver',
  'check',
  'remediation',
  'notifier',
  'scraper',
  'service',
];

/** Everything a plugin may touch. Scoped to the plugin: its logger, store and jobs carry its name. */
export interface PluginContext {
  /** The plugin's name and version as loaded. */
  readonly plugin: { readonly name: string; readonly version: string };
  readonly bus: EventBus;
  readonly log: Logger;
  readonly clock: Clock;
  readonly store: PluginStore;
  readonly schedule: Scheduler;
  /** A folder the plugin may write files to (`<dataDir>/<plugin name>`); created on first use. */
  readonly dataDir: string;
  /** Aborted when setup times out or the plugin is stopped; pass it to long-running I/O. */
  readonly signal: AbortSignal;
  /** Offers a service to other plugins. A single-provider ref can be provided once in the whole agent. */
  provide<T>(ref: ServiceRef<T, 'single' | 'multiple'>, implementation: T): void;
  /** The provider of a single-provider service; throws `EM_SERVICE_MISSING` when none is enabled. */
  use<T>(ref: ServiceRef<T, 'single'>): T;
  /** The provider of a single-provider service, or undefined. */
  tryUse<T>(ref: ServiceRef<T, 'single'>): T | undefined;
  /** Every provider of a multi-provider service registered so far (complete once `ready` runs). */
  useAll<T>(ref: ServiceRef<T, 'multiple'>): readonly T[];
}

/** What `setup` may return: hooks the host calls later. */
export interface PluginInstance {
  /** Called once every enabled plugin has been set up: start servers and loops here. */
  ready?(): void | Promise<void>;
  /** Called in reverse load order at shutdown, with a timeout. Release sockets, timers, processes. */
  stop?(): void | Promise<void>;
}

/** The definition object a plugin package exports (named and default). */
export interface PluginDefinition<S extends TSchema = TSchema> {
  /** kebab-case, unique in an agent; tables and logs use it. */
  readonly name: string;
  /** The plugin's own semver version. */
  readonly version: string;
  /** The SDK versions this plugin works with, as a semver range, e.g. `^1.0.0`. */
  readonly sdk: string;
  readonly kind: PluginKind;
  readonly description?: string;
  /** JSON Schema (TypeBox) for the plugin's config; mark secrets with `secret: true`. */
  readonly configSchema: S;
  /** Names of plugins that must be set up before this one. */
  readonly depends?: readonly string[];
  /** Wires the plugin. The config is already validated and defaulted. No long network I/O here. */
  setup(ctx: PluginContext, config: Static<S>): void | PluginInstance | Promise<void | PluginInstance>;
}

/** Declares a plugin. Identity function that gives the config its type from the schema. */
export function definePlugin<S extends TSchema>(definition: PluginDefinition<S>): PluginDefinition<S> {
  return definition;
}
