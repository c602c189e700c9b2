import {
  EmError,
  notifiersRef,
  type Clock,
  type Notifier,
  type PluginDefinition,
  type PluginInstance,
  type Static,
  type TSchema,
} from '../index.js';
import type { ServiceBinding } from './service-registry.js';
import { createTestContext, type TestContext } from './test-context.js';

/** Options for {@link notifierFromPlugin}. */
export interface NotifierFromPluginOptions {
  /** Default: real time, so the provider's own timeouts and the plugin's agree. */
  readonly clock?: Clock;
  /** Services other plugins would provide (e.g. `notificationActionsRef`). */
  readonly services?: readonly ServiceBinding[];
  /** Call the plugin's `ready()` hook too (starts loops such as polling). Default false. */
  readonly ready?: boolean;
}

/** A notifier taken from a plugin set up in a test context. */
export interface PluginNotifier {
  readonly notifier: Notifier;
  readonly test: TestContext;
  /** Calls the plugin's `stop()` hook, then stops the test context. */
  stop(): Promise<void>;
}

const realClock: Clock = {
  now: () => Date.now(),
  setTimer(fn, ms) {
    const timer = setTimeout(fn, ms);
    return () => clearTimeout(timer);
  },
  sleep: (ms, signal) =>
    new Promise<void>((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      const timer = setTimeout(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      }, ms);
      const onAbort = (): void => {
        clearTimeout(timer);
        reject(signal?.reason);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
    }),
};

/**
 * Runs a notifier plugin's `setup` in a test context and returns the notifier it provided on
 * `notifiersRef` — the usual `createNotifier` of a notifier conformance run.
 */
export async function notifierFromPlugin<S extends TSchema>(
  plugin: PluginDefinition<S>,
  config: Static<S>,
  options: NotifierFromPluginOptions = {},
): Promise<PluginNotifier> {
  const test = createTestContext({
    name: plugin.name,
    version: plugin.version,
    clock: options.clock ?? realClock,
    services: options.services ?? [],
  });
  const instance: PluginInstance = (await plugin.setup(test.ctx, config)) ?? {};
  const notifier = test.provided.get(notifiersRef.id)?.[0] as Notifier | undefined;
  if (!notifier) {
    await test.stop();
    throw new EmError(
      'EM_SERVICE_MISSING',
      `plugin "${plugin.name}" did not provide a notifier on notifiersRef`,
    );
  }
  if (options.ready) await instance.ready?.();
  let stopping: Promise<void> | undefined;
  const stop = async (): Promise<void> => {
    await instance.stop?.();
    await test.stop();
  };
  return { notifier, test, stop: () => (stopping ??= stop()) };
}
