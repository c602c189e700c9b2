import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createScheduler,
  EmError,
  type BusEvent,
  type Clock,
  type PluginContext,
  type PluginStore,
} from '@encoder-manager/sdk';
import { createFakeBus } from './fake-bus.js';
import { FakeClock } from './fake-clock.js';
import { createMemoryLogger, type LogRecord } from './memory-logger.js';
import { createServiceRegistry, type ServiceBinding } from './service-registry.js';

/** Options for `createTestContext`; everything is optional. */
export interface TestContextOptions {
  /** The plugin name used for logs and `meta.source`; default `test-plugin`. */
  readonly name?: string;
  /** Default `0.0.0`. */
  readonly version?: string;
  /** Default: a new {@link FakeClock}, returned as `clock` so the test can advance it. */
  readonly clock?: Clock;
  /** Without one, reading `ctx.store` throws `EM_STORE_CONNECT`. */
  readonly store?: PluginStore;
  /** Services other plugins would provide; build entries with {@link bindService}. */
  readonly services?: readonly ServiceBinding[];
}

/** A plugin context for unit tests plus everything the test needs to observe and drive it. */
export interface TestContext<C extends Clock = Clock> {
  /** Pass this to the plugin's `setup`. */
  readonly ctx: PluginContext;
  /** The clock behind `ctx.clock`, typed as given so a FakeClock can be advanced. */
  readonly clock: C;
  /** Every event published on `ctx.bus`, in order, with its meta. */
  readonly events: BusEvent[];
  /** Every log record from `ctx.log`, its children, the bus and the scheduler. */
  readonly logs: LogRecord[];
  /** What the plugin provided, per service ref id, in call order. Seeded services are not listed. */
  readonly provided: Map<string, unknown[]>;
  /** Resolves once every bus delivery has finished, including deliveries caused by handlers. */
  flush(): Promise<void>;
  /** Aborts `ctx.signal`, stops jobs, waits for deliveries, then removes `ctx.dataDir`. Safe to call twice. */
  stop(): Promise<void>;
}

/** Creates a test context driven by a new FakeClock. */
export function createTestContext(
  options?: TestContextOptions & { readonly clock?: undefined },
): TestContext<FakeClock>;
/** Creates a test context on the given clock. */
export function createTestContext<C extends Clock>(
  options: TestContextOptions & { readonly clock: C },
): TestContext<C>;
/** Creates a test context on the given clock, or a new FakeClock when none is given. */
export function createTestContext(options?: TestContextOptions): TestContext;
/**
 * Builds a `PluginContext` backed by in-memory fakes, for plugin unit tests: a recording bus with
 * asynchronous delivery, a capturing logger, a working scheduler on the clock, a service registry and
 * a fresh temporary `dataDir`. Call `stop()` in `afterEach` so jobs end and the temp folder is removed.
 *
 * @example
 * ```ts
 * const t = createTestContext({ name: 'my-plugin' });
 * await plugin.setup(t.ctx, config);
 * await t.clock.advance(30_000);
 * await t.flush();
 * expect(t.events.map((e) => e.name)).to.include('check.result');
 * await t.stop();
 * ```
 */
export function createTestContext(options: TestContextOptions = {}): TestContext {
  const name = options.name ?? 'test-plugin';
  const version = options.version ?? '0.0.0';
  const clock = options.clock ?? new FakeClock();
  const events: BusEvent[] = [];
  const logs: LogRecord[] = [];
  const provided = new Map<string, unknown[]>();
  const log = createMemoryLogger(logs, { plugin: name });
  const bus = createFakeBus({ source: name, clock, log: log.child({ component: 'bus' }), events });
  const schedule = createScheduler(clock, log.child({ component: 'scheduler' }));
  const services = createServiceRegistry(options.services ?? [], provided);
  const controller = new AbortController();
  const dataDir = mkdtempSync(join(tmpdir(), `em-${name}-`));
  const { store } = options;
  let stopping: Promise<void> | undefined;

  const ctx: PluginContext = {
    plugin: { name, version },
    bus,
    log,
    clock,
    get store(): PluginStore {
      if (!store) throw new EmError('EM_STORE_CONNECT', 'createTestContext: no store given; pass { store }');
      return store;
    },
    schedule,
    dataDir,
    signal: controller.signal,
    provide: services.provide,
    use: services.use,
    tryUse: services.tryUse,
    useAll: services.useAll,
  };

  const stop = async (): Promise<void> => {
    controller.abort(new Error(`plugin "${name}" stopped`));
    schedule.stopAll();
    await bus.flush();
    bus.close();
    rmSync(dataDir, { recursive: true, force: true });
  };

  return {
    ctx,
    clock,
    events,
    logs,
    provided,
    flush: () => bus.flush(),
    stop: () => (stopping ??= stop()),
  };
}
