import type { Clock, EventBus, Logger, Notifier, PluginStore, PluginStoreTx } from '@encoder-manager/sdk';
import type { QueuedRow } from './outbox/enqueue.js';
import type { DeliveryConfig } from './settings/schema.js';
import type { Settings } from './settings/model.js';

/** Delivery tuning with every default applied, in milliseconds. */
export interface DeliveryOptions {
  readonly pollIntervalMs: number;
  readonly batchSize: number;
  readonly leaseMs: number;
  readonly sendTimeoutMs: number;
  readonly backoffBaseMs: number;
  readonly backoffCapMs: number;
  readonly maxAgeMs: number;
  readonly lateAfterMs: number;
}

/** Applies the documented defaults: poll 1 s, lease 60 s, send timeout 30 s, backoff 1 s…5 min, 24 h, late 5 min. */
export function deliveryOptions(config: DeliveryConfig | undefined): DeliveryOptions {
  const c = config ?? {};
  return {
    pollIntervalMs: c.pollIntervalMs ?? 1000,
    batchSize: c.batchSize ?? 20,
    leaseMs: (c.leaseSec ?? 60) * 1000,
    sendTimeoutMs: (c.sendTimeoutSec ?? 30) * 1000,
    backoffBaseMs: c.backoffBaseMs ?? 1000,
    backoffCapMs: c.backoffCapMs ?? 300_000,
    maxAgeMs: (c.maxAgeHours ?? 24) * 3_600_000,
    lateAfterMs: (c.lateAfterSec ?? 300) * 1000,
  };
}

/** What the plugin's parts share: the context's pieces plus the settings in force. */
export interface Runtime {
  readonly store: PluginStore;
  readonly clock: Clock;
  readonly log: Logger;
  readonly bus: EventBus;
  readonly delivery: DeliveryOptions;
  /** Station name and time zone used in messages. */
  readonly station: string;
  readonly timezone: string;
  /** The settings in force (config plus store), refreshed after every change through the service. */
  settings(): Settings;
  /** Notifiers the enabled notifier plugins provide, read at send time (complete once `ready` ran). */
  notifiers(): readonly Notifier[];
  /** Random in [0, 1) for backoff jitter; injectable for tests. */
  random(): number;
}

/** Publishes `notification.queued` for rows that are committed. */
export function publishQueued(rt: Runtime, rows: readonly QueuedRow[]): void {
  const at = rt.clock.now();
  for (const row of rows) {
    rt.bus.publish('notification.queued', {
      id: row.id,
      channel: row.channel,
      recipientId: row.recipientId,
      attempt: 0,
      at,
    });
  }
}

/** A transaction on the plugin's store (helper so callers read as one line). */
export function inTransaction<T>(rt: Runtime, work: (tx: PluginStoreTx) => Promise<T>): Promise<T> {
  return rt.store.transaction(work);
}
