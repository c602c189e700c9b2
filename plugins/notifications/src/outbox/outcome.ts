import type { DeliveryResult, PluginStoreTx } from '@encoder-manager/sdk';
import { publishQueued, type Runtime } from '../runtime.js';
import { fullJitterDelay } from './backoff.js';
import type { Batch } from './claim.js';
import { queueDeadLetterAlert } from './dead-letter-alert.js';
import type { QueuedRow } from './enqueue.js';
import { flagEndpoint, overrideAddress } from './endpoints.js';

/** What happened to a batch, as recorded. `lost`: another sender took it over (our lease ran out). */
export type RecordedOutcome =
  | { readonly kind: 'sent' }
  | { readonly kind: 'retry'; readonly reason: string; readonly nextAttemptAt: number }
  | { readonly kind: 'dead'; readonly reason: string }
  | { readonly kind: 'suppressed' }
  | { readonly kind: 'lost' };

type Change = Record<string, unknown>;

/**
 * Records a delivery result for a claimed batch in one transaction, guarded by the claim: if the lease
 * ran out and another sender claimed the batch, nothing is changed. Events are published after commit.
 */
export async function recordOutcome(
  rt: Runtime,
  batch: Batch,
  workerId: string,
  result: DeliveryResult | 'suppressed' | { readonly dead: string; readonly alert: boolean },
  subject: string,
): Promise<RecordedOutcome> {
  const queued: QueuedRow[] = [];
  const outcome = await rt.store.transaction(async (tx) => {
    const plan = planChange(rt, batch, result);
    const owned = await tx
      .table('outbox')
      .whereIn(
        'id',
        batch.rows.map((r) => r.id),
      )
      .where({ claimed_by: workerId, status: 'sending' })
      .update(plan.change);
    if (owned === 0) return { kind: 'lost' } as const;
    queued.push(...(await sideEffects(rt, tx, batch, plan.outcome, result, subject)));
    return plan.outcome;
  });
  publishOutcome(rt, batch, outcome);
  publishQueued(rt, queued);
  return outcome;
}

function planChange(
  rt: Runtime,
  batch: Batch,
  result: DeliveryResult | 'suppressed' | { readonly dead: string; readonly alert: boolean },
): { change: Change; outcome: RecordedOutcome } {
  const leader = batch.rows[0];
  const now = rt.clock.now();
  const attempts = (leader?.attempts ?? 0) + 1;
  const released = { claimed_by: null, claimed_until: null };
  if (result === 'suppressed')
    return { change: { ...released, status: 'suppressed' }, outcome: { kind: 'suppressed' } };
  if ('dead' in result) return dead(result.dead, attempts - 1);
  if (result.status === 'delivered') {
    const change = {
      ...released,
      status: 'sent',
      sent_at: now,
      attempts,
      provider_id: result.providerId ?? null,
      last_error: null,
    };
    return { change, outcome: { kind: 'sent' } };
  }
  if (result.status === 'permanent' && result.newAddress && result.newAddress !== leader?.address) {
    const change = {
      ...released,
      status: 'pending',
      attempts,
      address: result.newAddress,
      next_attempt_at: now,
      last_error: result.reason,
    };
    return { change, outcome: { kind: 'retry', reason: result.reason, nextAttemptAt: now } };
  }
  if (result.status === 'permanent') return dead(`permanent: ${result.reason}`, attempts);
  if (leader && now >= leader.expiresAt) {
    const hours = Math.round(rt.delivery.maxAgeMs / 3_600_000);
    return dead(`gave up after ${hours} h of retries: ${result.reason}`, attempts);
  }
  const delay = Math.max(
    fullJitterDelay(attempts, rt.delivery.backoffBaseMs, rt.delivery.backoffCapMs, () => rt.random()),
    result.retryAfterMs ?? 0,
  );
  const change = {
    ...released,
    status: 'pending',
    attempts,
    next_attempt_at: now + delay,
    last_error: result.reason,
  };
  return { change, outcome: { kind: 'retry', reason: result.reason, nextAttemptAt: now + delay } };

  function dead(reason: string, count: number) {
    const change = { ...released, status: 'dead', attempts: count, dead_at: now, last_error: reason };
    return { change, outcome: { kind: 'dead', reason } as const };
  }
}

async function sideEffects(
  rt: Runtime,
  tx: PluginStoreTx,
  batch: Batch,
  outcome: RecordedOutcome,
  result: DeliveryResult | 'suppressed' | { readonly dead: string; readonly alert: boolean },
  subject: string,
): Promise<QueuedRow[]> {
  const leader = batch.rows[0];
  if (!leader || result === 'suppressed') return [];
  if (!('dead' in result) && result.status === 'permanent' && outcome.kind === 'retry' && result.newAddress) {
    await overrideAddress(tx, leader.recipientId, leader.channel, result.newAddress);
    return [];
  }
  if (outcome.kind !== 'dead') return [];
  if (!('dead' in result) && result.status === 'permanent') {
    await flagEndpoint(tx, leader.recipientId, leader.channel, result.reason, rt.clock.now());
  }
  const alert = 'dead' in result ? result.alert : true;
  if (!alert || !batch.rows.some((r) => r.alertOnDead)) return [];
  return queueDeadLetterAlert(rt, tx, leader, outcome.reason, subject);
}

function publishOutcome(rt: Runtime, batch: Batch, outcome: RecordedOutcome): void {
  const name = {
    sent: 'notification.sent',
    retry: 'notification.failed',
    dead: 'notification.dead',
  } as const;
  if (outcome.kind === 'lost' || outcome.kind === 'suppressed') return;
  const at = rt.clock.now();
  const reason = outcome.kind === 'sent' ? undefined : outcome.reason;
  for (const row of batch.rows) {
    const event = {
      id: row.id,
      channel: row.channel,
      recipientId: row.recipientId,
      attempt: row.attempts + 1,
      at,
    };
    rt.bus.publish(name[outcome.kind], reason === undefined ? event : { ...event, reason });
  }
}
