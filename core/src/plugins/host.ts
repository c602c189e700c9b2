import {
  EmError,
  PluginError,
  errorMessageOf,
  type Clock,
  type ErrorCode,
  type Logger,
  type PluginInstance,
  type PluginKind,
  type PluginState,
} from '@encoder-manager/sdk';
import type { CoreEventBus } from '../bus/event-bus.js';
import { createPluginContext, type ContextDeps, type ScopedContext } from './context.js';
import { backoffDelay, runHook, stopQuietly } from './lifecycle.js';
import type { LoadedPlugin } from './load.js';

/** One plugin's state as reported by `plugins`, logs and the API. */
export interface PluginStatus {
  readonly name: string;
  readonly version: string;
  readonly kind: PluginKind;
  readonly packageName: string;
  readonly state: PluginState;
  readonly code?: string;
  readonly message?: string;
  readonly attempts: number;
}

interface Slot {
  readonly plugin: LoadedPlugin;
  status: PluginStatus;
  scoped?: ScopedContext;
  instance?: PluginInstance;
  cancelRetry?: () => void;
}

/**
 * Sets plugins up in dependency order with a deadline each, applies their failure policy
 * (fail / disable / retry with capped backoff), and stops them in reverse order.
 */
export class PluginHost {
  readonly #slots: Slot[];
  #ready = false;
  #stopping = false;
  /** Index of the slot the start loop is at; slots before it will not be visited again by the loop. */
  #cursor = 0;

  constructor(
    plugins: readonly LoadedPlugin[],
    private readonly deps: ContextDeps & {
      readonly bus: CoreEventBus;
      readonly clock: Clock;
      readonly log: Logger;
    },
  ) {
    this.#slots = plugins.map((plugin) => ({ plugin, status: initialStatus(plugin) }));
  }

  statuses(): PluginStatus[] {
    return this.#slots.map((slot) => slot.status);
  }

  /** Sets every plugin up. Throws (after recording) when a plugin with policy `fail` fails. */
  async start(): Promise<void> {
    for (this.#cursor = 0; this.#cursor < this.#slots.length; this.#cursor += 1) {
      const slot = this.#slots[this.#cursor];
      if (slot?.status.state === 'pending') await this.#trySetup(slot);
    }
  }

  /** Calls `ready()` on every loaded plugin, once all are set up. */
  async ready(): Promise<void> {
    this.#ready = true;
    for (const slot of this.#slots) if (slot.status.state === 'loaded') await this.#callReady(slot);
  }

  /** Stops loaded plugins in reverse order, each within its stop timeout; cancels pending retries. */
  async stop(): Promise<void> {
    this.#stopping = true;
    for (const slot of [...this.#slots].reverse()) {
      slot.cancelRetry?.();
      if (slot.status.state !== 'loaded') continue;
      await this.#stopSlot(slot);
    }
  }

  async #trySetup(slot: Slot): Promise<void> {
    if (this.#stopping) return;
    const blocker = this.#blockingDependency(slot);
    if (blocker === 'wait') return;
    if (blocker) return this.#cascade(slot, blocker);
    const { plugin } = slot;
    const scoped = createPluginContext(this.deps, { name: plugin.name, version: plugin.definition.version });
    try {
      slot.instance =
        (await runHook(
          plugin.name,
          'setup',
          plugin.entry.setupTimeoutMs,
          this.deps.clock,
          () => plugin.definition.setup(scoped.ctx, plugin.config),
          (late) => stopQuietly(late),
        )) ?? {};
      slot.scoped = scoped;
      this.#setState(slot, 'loaded');
      if (this.#ready) await this.#callReady(slot);
      await this.#setUpWaitingDependents(slot);
    } catch (error) {
      scoped.dispose('setup failed');
      await this.#onFailure(slot, toPluginError(error, plugin.name));
    }
  }

  async #callReady(slot: Slot): Promise<void> {
    const { plugin } = slot;
    const ready = slot.instance?.ready;
    if (!ready) return;
    try {
      await runHook(plugin.name, 'ready', plugin.entry.setupTimeoutMs, this.deps.clock, () =>
        ready.call(slot.instance),
      );
    } catch (error) {
      await this.#stopSlot(slot);
      await this.#onFailure(slot, toPluginError(error, plugin.name));
    }
  }

  async #onFailure(slot: Slot, error: PluginError): Promise<void> {
    const { entry } = slot.plugin;
    const attempts = slot.status.attempts + 1;
    this.deps.log.error(
      { plugin: slot.plugin.name, code: error.code, err: error.cause ?? error, attempts },
      error.message,
    );
    if (
      entry.failurePolicy === 'retry' &&
      (entry.retry.maxAttempts === 0 || attempts < entry.retry.maxAttempts)
    ) {
      this.#setState(slot, 'retrying', error, attempts);
      return this.#scheduleRetry(slot, attempts);
    }
    const state = entry.failurePolicy === 'disable' ? 'disabled' : 'failed';
    this.#setState(slot, state, error, attempts);
    this.#cascadeDependents(slot);
    if (entry.failurePolicy === 'fail') throw error;
  }

  #scheduleRetry(slot: Slot, attempts: number): void {
    const { retry } = slot.plugin.entry;
    const delay = backoffDelay(attempts, retry.initialDelayMs, retry.maxDelayMs);
    this.deps.log.warn(
      { plugin: slot.plugin.name, attempts, delayMs: delay },
      `retrying setup in ${delay} ms`,
    );
    slot.cancelRetry = this.deps.clock.setTimer(() => {
      slot.cancelRetry = undefined;
      void this.#trySetup(slot).catch((error: unknown) =>
        this.deps.log.error({ err: error }, 'retry failed'),
      );
    }, delay);
  }

  async #stopSlot(slot: Slot): Promise<void> {
    const { plugin } = slot;
    const stop = slot.instance?.stop;
    try {
      if (stop)
        await runHook(plugin.name, 'stop', plugin.entry.stopTimeoutMs, this.deps.clock, () =>
          stop.call(slot.instance),
        );
    } catch (error) {
      this.deps.log.error({ plugin: plugin.name, err: error }, errorMessageOf(error));
    } finally {
      slot.scoped?.dispose('plugin stopped');
      slot.scoped = undefined;
      slot.instance = undefined;
      this.#setState(slot, 'stopped');
    }
  }

  /** 'wait' while a dependency may still come up; the failed dependency's name when it never will. */
  #blockingDependency(slot: Slot): string | 'wait' | undefined {
    for (const name of slot.plugin.definition.depends ?? []) {
      const state = this.#slots.find((other) => other.plugin.name === name)?.status.state;
      if (state === 'loaded') continue;
      return state === 'pending' || state === 'retrying' ? 'wait' : name;
    }
    return undefined;
  }

  /** Dependents that waited for a plugin in retry, and that the start loop has already passed. */
  async #setUpWaitingDependents(slot: Slot): Promise<void> {
    for (const [index, other] of this.#slots.entries()) {
      const waits =
        other.status.state === 'pending' && other.plugin.definition.depends?.includes(slot.plugin.name);
      if (waits && index < this.#cursor) await this.#trySetup(other);
    }
  }

  #cascadeDependents(slot: Slot): void {
    for (const other of this.#slots) {
      if (other.status.state === 'pending' && other.plugin.definition.depends?.includes(slot.plugin.name)) {
        this.#cascade(other, slot.plugin.name);
      }
    }
  }

  #cascade(slot: Slot, dependency: string): void {
    const error = new PluginError(
      'EM_PLUGIN_DEPENDENCY_FAILED',
      slot.plugin.name,
      'setup',
      `not started: dependency "${dependency}" is ${this.#stateOf(dependency)}`,
    );
    this.#setState(slot, 'disabled', error, slot.status.attempts);
    this.#cascadeDependents(slot);
  }

  #stateOf(name: string): PluginState | 'unknown' {
    return this.#slots.find((slot) => slot.plugin.name === name)?.status.state ?? 'unknown';
  }

  #setState(slot: Slot, state: PluginState, error?: PluginError, attempts = slot.status.attempts): void {
    // A core error inside the plugin's hook (a missing service, say) says more than "setup failed".
    const code: ErrorCode | undefined = error?.cause instanceof EmError ? error.cause.code : error?.code;
    const message = error ? errorMessageOf(error.cause ?? error) : undefined;
    slot.status = { ...slot.status, state, attempts, code, message };
    if (!error)
      this.deps.log.info(
        { plugin: slot.plugin.name, state, version: slot.status.version },
        `plugin ${state}`,
      );
    this.deps.bus.publish('core', 'plugin.state', {
      plugin: slot.plugin.name,
      state,
      code,
      message,
      at: this.deps.clock.now(),
    });
  }
}

function initialStatus(plugin: LoadedPlugin): PluginStatus {
  const { definition } = plugin;
  return {
    name: plugin.name,
    version: definition.version,
    kind: definition.kind,
    packageName: plugin.packageName,
    state: 'pending',
    attempts: 0,
  };
}

function toPluginError(error: unknown, plugin: string): PluginError {
  return error instanceof PluginError
    ? error
    : new PluginError('EM_PLUGIN_SETUP_FAILED', plugin, 'setup', errorMessageOf(error), { cause: error });
}
