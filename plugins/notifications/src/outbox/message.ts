import type { NotificationMessage, Notifier, DeliveryResult, RecipientAddress } from '@encoder-manager/sdk';
import { errorMessageOf } from '@encoder-manager/sdk';
import type { Runtime } from '../runtime.js';
import { buildContext } from '../templates/context.js';
import type { TemplateEngine } from '../templates/engine.js';
import type { Batch } from './claim.js';
import { collapseAlerts } from './collapse.js';

/**
 * Renders a batch into one message, or undefined when its alerts all ended where they started (nothing
 * to say). Rendering happens at send time so the message can say how late it is.
 */
export function composeMessage(
  rt: Runtime,
  engine: TemplateEngine,
  batch: Batch,
): NotificationMessage | undefined {
  const leader = batch.rows[0];
  if (!leader) return undefined;
  const collapsed = collapseAlerts(batch.rows);
  if (collapsed.nothingChanged) return undefined;
  const now = rt.clock.now();
  const lateMs = now - leader.notBefore;
  const recipient = rt.settings().recipients.find((r) => r.id === leader.recipientId);
  const context = buildContext(batch.rows, collapsed, {
    id: batch.id,
    station: rt.station,
    channel: leader.channel,
    recipient: { id: leader.recipientId, name: recipient?.name ?? leader.recipientId },
    timezone: recipient?.quietHours?.timezone ?? rt.timezone,
    lateMinutes: lateMs > rt.delivery.lateAfterMs ? Math.round(lateMs / 60_000) : null,
  });
  const parts = engine.render(context);
  return {
    id: batch.id,
    subject: parts.subject,
    text: parts.text,
    html: parts.html,
    eventType: context.eventType,
    fingerprint: leader.fingerprint ?? undefined,
    createdAt: Math.min(...batch.rows.map((r) => r.createdAt)),
  };
}

/**
 * Calls the notifier with a deadline. A throw or a missed deadline counts as a retry: the provider may
 * or may not have accepted the message, and at-least-once prefers a duplicate to a loss.
 */
export async function sendWithDeadline(
  rt: Runtime,
  notifier: Notifier,
  message: NotificationMessage,
  to: RecipientAddress,
  signal: AbortSignal,
): Promise<DeliveryResult> {
  // One signal per send that the caller's signal and the deadline both abort; AbortSignal.any does not
  // add a listener to the caller's signal per send (a pass sends up to batchSize messages on one signal).
  const deadline = new AbortController();
  const cancelTimer = rt.clock.setTimer(
    () => deadline.abort(new Error(`no answer within ${rt.delivery.sendTimeoutMs} ms`)),
    rt.delivery.sendTimeoutMs,
  );
  const combined = AbortSignal.any([signal, deadline.signal]);
  const aborted = new Promise<DeliveryResult>((resolve) => {
    combined.addEventListener(
      'abort',
      () => resolve({ status: 'retry', reason: `send aborted: ${errorMessageOf(combined.reason)}` }),
      { once: true },
    );
  });
  try {
    if (signal.aborted) return { status: 'retry', reason: 'send aborted before it started' };
    return await Promise.race([notifier.send(message, to, combined), aborted]);
  } catch (error) {
    return { status: 'retry', reason: `notifier threw: ${errorMessageOf(error)}` };
  } finally {
    cancelTimer();
  }
}
