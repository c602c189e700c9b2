import type { TestDeliveryResult, TestNotificationRequest } from '@encoder-manager/sdk';
import { enqueue, type PlannedMessage } from '../outbox/enqueue.js';
import { endpointKey, loadEndpoints } from '../outbox/endpoints.js';
import type { OutboxWorker } from '../outbox/worker.js';
import type { Routable } from '../routing/routable.js';
import { resolveTargets, type Target } from '../routing/targets.js';
import { publishQueued, type Runtime } from '../runtime.js';
import { notFound } from './errors.js';

/**
 * Sends a test message to a recipient or every member of a role through the real outbox (rows are
 * written, claimed and recorded like any other), and reports each delivery. A message that gets a
 * `retry` stays queued and the agent's worker keeps trying.
 */
export async function sendTest(
  rt: Runtime,
  worker: OutboxWorker,
  request: TestNotificationRequest,
  signal: AbortSignal,
): Promise<TestDeliveryResult[]> {
  const targets = testTargets(rt, request);
  const now = rt.clock.now();
  const item: Routable = {
    eventType: 'notification.test',
    severity: 'info',
    labels: {},
    alertName: undefined,
    fingerprint: undefined,
    at: now,
    context: { kind: 'test' },
  };
  const { flagged, queued } = await rt.store.transaction(async (tx) => {
    const endpoints = await loadEndpoints(
      tx,
      targets.map((t) => t.recipient.id),
    );
    const flaggedTargets = targets.flatMap((t) => {
      const reason = endpoints.get(endpointKey(t.recipient.id, t.channel))?.disabledReason;
      return reason ? [{ target: t, reason }] : [];
    });
    const planned: PlannedMessage[] = targets.map((target) => ({
      target,
      ruleId: null,
      groupKey: `test|${now}|${target.recipient.id}|${target.channel}`,
      priority: 0,
      groupWindowMs: 0,
      alertOnDead: false,
    }));
    return {
      flagged: flaggedTargets,
      queued: await enqueue(tx, item, planned, { now, maxAgeMs: rt.delivery.maxAgeMs }),
    };
  });
  publishQueued(rt, queued);
  const reports = await worker.deliver(
    queued.map((q) => q.id),
    signal,
  );
  const results: TestDeliveryResult[] = flagged.map(({ target, reason }) => ({
    notificationId: '',
    recipientId: target.recipient.id,
    channel: target.channel,
    address: target.address,
    status: 'dead',
    reason: `endpoint disabled after a permanent error: ${reason}; re-enable it first`,
  }));
  for (const { batch, outcome } of reports) {
    const row = batch.rows[0];
    if (!row) continue;
    const base = {
      notificationId: batch.id,
      recipientId: row.recipientId,
      channel: row.channel,
      address: row.address,
    };
    if (outcome.kind === 'sent') results.push({ ...base, status: 'delivered' });
    else if (outcome.kind === 'retry') results.push({ ...base, status: 'retry', reason: outcome.reason });
    else if (outcome.kind === 'dead') results.push({ ...base, status: 'dead', reason: outcome.reason });
  }
  return results;
}

function testTargets(rt: Runtime, request: TestNotificationRequest): Target[] {
  const settings = rt.settings();
  const byId = settings.recipients.some((r) => r.id === request.to);
  if (!byId && !settings.roles.has(request.to)) throw notFound('recipient or role', request.to);
  const audience = byId ? { roles: [], recipients: [request.to] } : { roles: [request.to] };
  const targets = resolveTargets(settings, {
    ...audience,
    ...(request.channel ? { channels: [request.channel] } : {}),
  });
  if (targets.length === 0) {
    throw notFound(
      `enabled recipient with ${request.channel ? `channel "${request.channel}"` : 'any channel'} for`,
      request.to,
    );
  }
  return targets;
}
