import type { EventBus, EventCatalog, Unsubscribe } from '@encoder-manager/sdk';
import { enqueue } from '../outbox/enqueue.js';
import { planEvent } from '../routing/plan.js';
import { eventRoutable, ROUTABLE_EVENTS, type RoutableEventName } from '../routing/routable.js';
import { publishQueued, type Runtime } from '../runtime.js';

/**
 * Routes non-alert bus events (failover, certificates, remediation …) through the rules. Nothing else
 * is written with them, so each event's rows get their own transaction. Alerts do not come this way:
 * they arrive through the alert-transition participant, inside the alert engine's transaction.
 */
export function subscribeRoutableEvents(rt: Runtime, bus: EventBus): Unsubscribe[] {
  return ROUTABLE_EVENTS.map((name) =>
    bus.on(name, (payload, meta) => routeEvent(rt, name, payload, meta.at), {
      queueSize: 1000,
      overflow: 'drop-newest',
    }),
  );
}

async function routeEvent<E extends RoutableEventName>(
  rt: Runtime,
  name: E,
  payload: EventCatalog[E],
  at: number,
): Promise<void> {
  const item = eventRoutable(name, payload, at);
  const planned = planEvent(rt.settings(), item);
  if (planned.length === 0) return;
  const rows = await rt.store.transaction((tx) =>
    enqueue(tx, item, planned, { now: rt.clock.now(), maxAgeMs: rt.delivery.maxAgeMs }),
  );
  publishQueued(rt, rows);
}
