import { mkdirSync } from 'node:fs';
import path from 'node:path';
import {
  createScheduler,
  type Clock,
  type Logger,
  type PluginContext,
  type PluginStore,
  type Unsubscribe,
} from '@encoder-manager/sdk';
import type { CoreEventBus } from '../bus/event-bus.js';
import type { ServiceRegistry } from './services.js';

/** The shared pieces a plugin context is cut from. */
export interface ContextDeps {
  readonly bus: CoreEventBus;
  readonly clock: Clock;
  readonly log: Logger;
  readonly services: ServiceRegistry;
  readonly dataDir: string;
  store(pluginName: string): PluginStore;
}

/** A plugin's context plus the means to take back everything it registered. */
export interface ScopedContext {
  readonly ctx: PluginContext;
  /** Unsubscribes, stops jobs, withdraws services and aborts the signal. Safe to call twice. */
  dispose(reason: string): void;
}

/** Builds the context one plugin gets, tracking every subscription, job and service it creates. */
export function createPluginContext(
  deps: ContextDeps,
  plugin: { name: string; version: string },
): ScopedContext {
  const subscriptions: Unsubscribe[] = [];
  const controller = new AbortController();
  const log = deps.log.child({ plugin: plugin.name });
  const scheduler = createScheduler(deps.clock, log);
  const dataDir = path.join(deps.dataDir, plugin.name);
  let store: PluginStore | undefined;
  const ctx: PluginContext = {
    plugin,
    bus: deps.bus.forOwner(plugin.name, (unsubscribe) => subscriptions.push(unsubscribe)),
    log,
    clock: deps.clock,
    get store() {
      store ??= deps.store(plugin.name);
      return store;
    },
    schedule: scheduler,
    get dataDir() {
      mkdirSync(dataDir, { recursive: true });
      return dataDir;
    },
    signal: controller.signal,
    provide: (ref, implementation) => deps.services.provide(plugin.name, ref, implementation),
    use: (ref) => deps.services.use(ref, plugin.name),
    tryUse: (ref) => deps.services.tryUse(ref),
    useAll: (ref) => deps.services.useAll(ref),
  };
  const dispose = (reason: string) => {
    for (const unsubscribe of subscriptions.splice(0)) unsubscribe();
    scheduler.stopAll();
    deps.services.withdraw(plugin.name);
    if (!controller.signal.aborted) controller.abort(new Error(reason));
  };
  return { ctx, dispose };
}
