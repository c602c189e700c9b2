import type { DeliveryResult, NotificationMessage, Notifier, RecipientAddress } from '../index.js';
import { check } from './conformance.js';
import { expectDeliveryResult, sendNoThrow, waitForReceived } from './notifier-checks.js';
import type { IdempotencyMode, NotifierReceiver } from './notifier-conformance.js';

let sequence = 0;

/** A message with a fresh id whose text carries a token the receiver's content must show. */
export function conformanceMessage(label: string): NotificationMessage {
  sequence += 1;
  const token = `${label}-${process.pid}-${sequence}-${Math.random().toString(36).slice(2, 8)}`;
  return {
    id: `conformance-${token}`,
    subject: `Conformance ${label}`,
    text: `Encoder enc-1 is hot (token ${token}).\nSecond line.`,
    html: `<p>Encoder <b>enc-1</b> is hot (token ${token}).</p><p>Second line.</p>`,
    eventType: 'alert.firing',
    fingerprint: `fp-${token}`,
    createdAt: Date.UTC(2026, 0, 1),
  };
}

/** One case, given a fresh notifier, its receiver and an address on it. */
export type Body = (notifier: Notifier, receiver: NotifierReceiver, to: RecipientAddress) => Promise<void>;

/** The notifier reports the channel the options name. */
export async function checkChannel(notifier: Notifier, channel: string): Promise<void> {
  check(notifier.channel === channel, `channel is "${notifier.channel}", expected "${channel}"`);
}

/** A send is delivered and the receiver shows subject, text and the notification id. */
export async function delivers(
  notifier: Notifier,
  receiver: NotifierReceiver,
  to: RecipientAddress,
): Promise<void> {
  const message = conformanceMessage('deliver');
  const result = await sendNoThrow(notifier, message, to, new AbortController().signal);
  check(result.status === 'delivered', `send returned ${JSON.stringify(result)}, expected delivered`);
  const [got] = await waitForReceived(receiver, 1);
  const token = message.text.match(/token (\S+)\)/)?.[1] ?? message.id;
  check(
    got !== undefined && got.content.includes(token),
    `the receiver did not show the text: ${got?.content}`,
  );
  check(got.content.includes(message.subject), `the receiver did not show the subject "${message.subject}"`);
  check(got.content.includes(message.id), `the message must carry its notification id "${message.id}"`);
}

/** Two sends of one id reach the receiver once, or carry one dedup key. */
export function idempotent(mode: IdempotencyMode): Body {
  return async (notifier, receiver, to) => {
    const message = conformanceMessage('idempotent');
    const signal = new AbortController().signal;
    const first = await sendNoThrow(notifier, message, to, signal);
    const second = await sendNoThrow(notifier, message, to, signal);
    check(first.status === 'delivered' && second.status === 'delivered', 'both sends must report delivered');
    const got = await waitForReceived(receiver, 1);
    if (mode === 'notifier') {
      check(got.length === 1, `the receiver got ${got.length} copies of one message id, expected 1`);
      return;
    }
    const keys = new Set(got.map((copy) => copy.dedupKey));
    check(got.length <= 2, `the receiver got ${got.length} copies for 2 sends`);
    check(keys.size === 1 && !keys.has(undefined), `copies must share one dedup key (${mode.providerDedup})`);
  };
}

/** A transient fault gives `retry`, a permanent one `permanent`, each with a reason. */
export function classifies(fault: 'transient' | 'permanent'): Body {
  const expected: DeliveryResult['status'] = fault === 'transient' ? 'retry' : 'permanent';
  return async (notifier, receiver, to) => {
    await receiver.inject(fault);
    const result = await sendNoThrow(notifier, conformanceMessage(fault), to, new AbortController().signal);
    expectDeliveryResult(result);
    check(
      result.status === expected,
      `a ${fault} failure gave ${JSON.stringify(result)}, expected ${expected}`,
    );
    check(result.reason.length > 0, 'the result must say why');
  };
}

/** A closed receiver gives `retry`. */
export async function unreachable(
  notifier: Notifier,
  receiver: NotifierReceiver,
  to: RecipientAddress,
): Promise<void> {
  await receiver.close();
  const result = await sendNoThrow(
    notifier,
    conformanceMessage('unreachable'),
    to,
    AbortSignal.timeout(10_000),
  );
  check(result.status === 'retry', `an unreachable provider gave ${JSON.stringify(result)}, expected retry`);
}

/** An already aborted signal gives `retry` at once and nothing is sent. */
export function preAborted(withinMs: number): Body {
  return async (notifier, receiver, to) => {
    const controller = new AbortController();
    controller.abort(new Error('shutting down'));
    const started = Date.now();
    const result = await sendNoThrow(notifier, conformanceMessage('pre-aborted'), to, controller.signal);
    check(Date.now() - started <= withinMs, `send took ${Date.now() - started} ms with an aborted signal`);
    check(result.status === 'retry', `an aborted send gave ${JSON.stringify(result)}, expected retry`);
    check((await receiver.received()).length === 0, 'an aborted send must not reach the receiver');
  };
}

/** An abort while the provider hangs returns `retry` within the allowed time. */
export function abortsSlow(withinMs: number): Body {
  return async (notifier, receiver, to) => {
    await receiver.inject('slow');
    const controller = new AbortController();
    const sending = sendNoThrow(notifier, conformanceMessage('slow'), to, controller.signal);
    await new Promise((resolve) => setTimeout(resolve, 200));
    const abortedAt = Date.now();
    controller.abort(new Error('deadline'));
    const result = await sending;
    const took = Date.now() - abortedAt;
    check(took <= withinMs, `send returned ${took} ms after the abort, allowed ${withinMs} ms`);
    check(result.status === 'retry', `an aborted send gave ${JSON.stringify(result)}, expected retry`);
  };
}

/** Every provider error becomes a DeliveryResult. */
export async function neverThrows(
  notifier: Notifier,
  receiver: NotifierReceiver,
  to: RecipientAddress,
): Promise<void> {
  for (const fault of ['transient', 'permanent'] as const) {
    await receiver.inject(fault);
    expectDeliveryResult(
      await sendNoThrow(notifier, conformanceMessage(fault), to, AbortSignal.timeout(10_000)),
    );
  }
  await receiver.close();
  expectDeliveryResult(
    await sendNoThrow(notifier, conformanceMessage('down'), to, AbortSignal.timeout(10_000)),
  );
}
