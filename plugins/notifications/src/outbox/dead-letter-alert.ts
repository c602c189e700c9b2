import type { PluginStoreTx } from '@encoder-manager/sdk';
import { matchingRules } from '../routing/match.js';
import type { Routable } from '../routing/routable.js';
import { resolveTargets, uniqueTargets } from '../routing/targets.js';
import type { Runtime } from '../runtime.js';
import { enqueue, type PlannedMessage, type QueuedRow } from './enqueue.js';
import type { OutboxRow } from './rows.js';

/** Dead-letter alerts for one endpoint within this window go out as one message. */
const DEAD_GROUP_WAIT_MS = 30_000;

/**
 * Queues "notifications to X via <channel> are failing" on every OTHER channel: to the recipient
 * themselves, to `deadLetterRoles` (default engineers) and to rules matching `notification.dead`.
 * Written in the dead-lettering transaction; these rows never raise a dead-letter alert themselves.
 */
export async function queueDeadLetterAlert(
  rt: Runtime,
  tx: PluginStoreTx,
  row: OutboxRow,
  reason: string,
  subject: string,
): Promise<QueuedRow[]> {
  const settings = rt.settings();
  const recipient = settings.recipients.find((r) => r.id === row.recipientId);
  const item: Routable = {
    eventType: 'notification.dead',
    severity: 'warning',
    labels: { channel: row.channel, recipient: row.recipientId },
    alertName: undefined,
    fingerprint: `dead:${row.recipientId}:${row.channel}`,
    at: rt.clock.now(),
    context: {
      kind: 'dead-letter',
      failedChannel: row.channel,
      recipientName: recipient?.name ?? row.recipientId,
      reason,
      subject,
      notificationId: row.batchId ?? row.id,
    },
  };
  const excludeChannel = row.channel;
  const builtIn = resolveTargets(settings, {
    roles: settings.deadLetterRoles,
    recipients: [row.recipientId],
    excludeChannel,
  });
  const fromRules = matchingRules(settings.rules, item).flatMap((rule) =>
    resolveTargets(settings, {
      roles: rule.roles,
      recipients: rule.recipients,
      channels: rule.channels,
      excludeChannel,
    }),
  );
  const planned: PlannedMessage[] = [...builtIn, ...fromRules].map((target) => ({
    target,
    ruleId: null,
    groupKey: `dead|${row.recipientId}|${row.channel}`,
    priority: 0,
    groupWindowMs: DEAD_GROUP_WAIT_MS,
    alertOnDead: false,
  }));
  if (planned.length === 0) {
    rt.log.warn(
      { recipient: row.recipientId, channel: row.channel },
      'dead letter: nobody to tell on another channel',
    );
  }
  return enqueue(tx, item, uniqueTargets(planned), { now: rt.clock.now(), maxAgeMs: rt.delivery.maxAgeMs });
}
