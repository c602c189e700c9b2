import type { DeadLetter, DeadLetterQuery, EndpointFlag, NotificationsService } from '@encoder-manager/sdk';
import { cancelTimers } from '../alerts/timers.js';
import { clearFlag } from '../outbox/endpoints.js';
import { fromDb, num } from '../outbox/rows.js';
import { publishQueued, type Runtime } from '../runtime.js';
import { notFound } from './errors.js';

type OperationMethods = Pick<
  NotificationsService,
  'listDeadLetters' | 'replayDeadLetter' | 'acknowledge' | 'enableEndpoint'
>;

/** Dead letters, replay, acknowledgement and endpoint re-enabling. */
export function createOperationMethods(rt: Runtime): OperationMethods {
  return {
    async listDeadLetters(query: DeadLetterQuery = {}): Promise<readonly DeadLetter[]> {
      const q = rt.store
        .table('outbox')
        .where({ status: 'dead' })
        .orderBy([{ column: 'dead_at', order: 'desc' }, { column: 'id' }]);
      if (query.channel) void q.andWhere({ channel: query.channel });
      if (query.recipientId) void q.andWhere({ recipient_id: query.recipientId });
      const rows = (
        (await q.limit(Math.min(Math.max(query.limit ?? 100, 1), 1000))) as Record<string, unknown>[]
      ).map(fromDb);
      return rows.map((r) => ({
        id: r.id,
        eventType: r.eventType,
        channel: r.channel,
        recipientId: r.recipientId,
        address: r.address,
        ...(r.fingerprint ? { fingerprint: r.fingerprint } : {}),
        reason: r.lastError ?? 'unknown',
        attempts: r.attempts,
        createdAt: r.createdAt,
        deadAt: r.deadAt ?? 0,
      }));
    },
    async replayDeadLetter(id) {
      const now = rt.clock.now();
      const row = await rt.store.transaction(async (tx) => {
        const found = (await tx.table('outbox').where({ id, status: 'dead' }).first()) as
          Record<string, unknown> | undefined;
        if (!found) throw notFound('dead letter', id);
        const dead = fromDb(found);
        // Replaying says "it is fixed now": use the endpoint again.
        await clearFlag(tx, dead.recipientId, dead.channel);
        await tx
          .table('outbox')
          .where({ id })
          .update({
            status: 'pending',
            attempts: 0,
            next_attempt_at: now,
            not_before: now,
            expires_at: now + rt.delivery.maxAgeMs,
            dead_at: null,
          });
        return dead;
      });
      rt.log.info(
        { notification: id, channel: row.channel, recipient: row.recipientId },
        'dead letter replayed',
      );
      publishQueued(rt, [{ id, channel: row.channel, recipientId: row.recipientId }]);
    },
    async acknowledge(fingerprint, by) {
      const stoppedTimers = await rt.store.transaction(async (tx) => {
        const acked = await tx
          .table('alert_state')
          .where({ fingerprint, state: 'firing' })
          .update({ acknowledged_at: rt.clock.now(), acknowledged_by: by ?? null });
        if (acked === 0) throw notFound('firing alert', fingerprint);
        return cancelTimers(tx, fingerprint);
      });
      rt.log.info({ fingerprint, by, stoppedTimers }, 'alert acknowledged; escalation stopped');
      return { fingerprint, stoppedTimers };
    },
    async enableEndpoint(recipientId, channel) {
      const cleared = await rt.store.transaction((tx) => clearFlag(tx, recipientId, channel));
      if (!cleared) throw notFound('flagged endpoint', `${recipientId}/${channel}`);
    },
  };
}

/** Endpoints the outbox stopped using after a permanent error. */
export async function listFlags(rt: Runtime): Promise<EndpointFlag[]> {
  const rows = (await rt.store
    .table('endpoints')
    .whereNotNull('disabled_reason')
    .orderBy(['recipient_id', 'channel'])) as Record<string, unknown>[];
  return rows.map((r) => ({
    recipientId: String(r.recipient_id),
    channel: String(r.channel),
    reason: String(r.disabled_reason),
    since: num(r.disabled_at),
  }));
}
