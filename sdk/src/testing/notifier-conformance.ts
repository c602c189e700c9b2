import type { Notifier } from '../index.js';
import { registerWithMocha, type ConformanceCase } from './conformance.js';
import {
  abortsSlow,
  checkChannel,
  classifies,
  delivers,
  idempotent,
  neverThrows,
  preAborted,
  unreachable,
  type Body,
} from './notifier-cases.js';

export { conformanceMessage } from './notifier-cases.js';
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
