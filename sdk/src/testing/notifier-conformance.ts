import type { DeliveryResult, NotificationMessage, Notifier, RecipientAddress } from '../index.js';
import { check, registerWithMocha, type ConformanceCase } from './conformance.js';
import { expectDeliveryResult, sendNoThrow, waitForReceived } from './notifier-checks.js';

export {
  notifierFromPlugin,
  type NotifierFromPluginOptions,
  type PluginNotifier,
} from './notifier-harness.js';

/** Provider behaviours the receiving side can be told to show. */
export type NotifierFault = 'transient' | 'permanent' | 'slow';

/** One message as the receiving side got it. */
export interface ReceivedNotification {
  /** What a person would read, flattened into one string: subject, body, footer (and headers if handy). */
  readonly content: string;
  /** The key the provider or the recipient dedups on (`Message-ID`, `webhook-id` …), when there is one. */
  readonly dedupKey?: string;
}

/** The receiving side of a channel (a real SMTP server, a fake Bot API, an HTTP endpoint), run by the test. */
export interface NotifierReceiver {
  /** An address on this receiver that accepts messages: an e-mail address, a chat id, a URL. */
  readonly address: string;
  /** Everything received so far, in arrival order. */
  received(): Promise<readonly ReceivedNotification[]> | readonly ReceivedNotification[];
  /** `transient`: answer with a temporary error (SMTP 451, HTTP 503 …); `permanent`: a final refusal
   *  (SMTP 550, HTTP 400 …); `slow`: accept the request and never answer. */
  inject(fault: NotifierFault): void | Promise<void>;
  clearFaults(): void | Promise<void>;
  /** Stops the receiver; later sends to its address must fail as "unreachable". */
  close(): Promise<void>;
}

/** A notifier wired to a receiver, plus how to release it. */
export interface NotifierUnderTest {
  readonly notifier: Notifier;
  stop(): Promise<void>;
}

/** How the channel keeps a message id from reaching a person twice. */
export type IdempotencyMode =
  /** The notifier itself remembers delivered ids: a second send of the same id is not passed on. */
  | 'notifier'
  /** The provider or the recipient dedups: every copy carries the same `dedupKey`; say on what. */
  | { readonly providerDedup: string };

/** What the suite needs to know about a channel. `R` lets the receiver carry extras (its port …). */
export interface NotifierConformanceOptions<R extends NotifierReceiver = NotifierReceiver> {
  /** The `channel` the notifier must report, e.g. `email`. */
  readonly channel: string;
  startReceiver(): Promise<R>;
  createNotifier(receiver: R): Promise<NotifierUnderTest>;
  readonly idempotency: IdempotencyMode;
  /** How soon `send` must return after its signal aborts (default 1000 ms). */
  readonly abortWithinMs?: number;
  /** Per-case timeout when registered with mocha (default 20 s). */
  readonly caseTimeoutMs?: number;
}

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

type Body = (notifier: Notifier, receiver: NotifierReceiver, to: RecipientAddress) => Promise<void>;

/**
 * The standard notifier tests, framework-agnostic (`{ name, run }` each): delivery, idempotency,
 * classification of transient and permanent failures, unreachable providers, abort, and "never throws".
 */
export function notifierConformanceCases<R extends NotifierReceiver>(
  options: NotifierConformanceOptions<R>,
): ConformanceCase[] {
  const withNotifier =
    (body: Body): (() => Promise<void>) =>
    async () => {
      const receiver = await options.startReceiver();
      const { notifier, stop } = await options.createNotifier(receiver);
      try {
        await body(notifier, receiver, { recipientId: 'conformance', address: receiver.address });
      } finally {
        await stop();
        await receiver.close();
      }
    };
  const abortWithinMs = options.abortWithinMs ?? 1000;
  return [
    { name: 'reports its channel', run: withNotifier(async (n) => checkChannel(n, options.channel)) },
    { name: 'delivers a message the receiver shows with its id', run: withNotifier(delivers) },
    { name: 'sends one message id once (idempotency)', run: withNotifier(idempotent(options.idempotency)) },
    { name: 'classifies a transient provider failure as retry', run: withNotifier(classifies('transient')) },
    {
      name: 'classifies a permanent provider failure as permanent',
      run: withNotifier(classifies('permanent')),
    },
    { name: 'classifies an unreachable provider as retry', run: withNotifier(unreachable) },
    {
      name: 'returns retry at once for an already aborted signal',
      run: withNotifier(preAborted(abortWithinMs)),
    },
    { name: 'honours an abort while the provider hangs', run: withNotifier(abortsSlow(abortWithinMs)) },
    { name: 'never throws for provider errors', run: withNotifier(neverThrows) },
  ];
}

/** Registers {@link notifierConformanceCases} with mocha's global `describe`/`it`. */
export function describeNotifierConformance<R extends NotifierReceiver>(
  options: NotifierConformanceOptions<R>,
): void {
  const cases = notifierConformanceCases(options);
  registerWithMocha(`notifier conformance: ${options.channel}`, cases, options.caseTimeoutMs ?? 20_000);
}

async function checkChannel(notifier: Notifier, channel: string): Promise<void> {
  check(notifier.channel === channel, `channel is "${notifier.channel}", expected "${channel}"`);
}

async function delivers(notifier: Notifier, receiver: NotifierReceiver, to: RecipientAddress): Promise<void> {
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

function idempotent(mode: IdempotencyMode): Body {
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

function classifies(fault: 'transient' | 'permanent'): Body {
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

async function unreachable(
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

function preAborted(withinMs: number): Body {
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

function abortsSlow(withinMs: number): Body {
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

async function neverThrows(
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
