import type {
  Clock,
  DeliveryResult,
  Logger,
  NotificationMessage,
  Notifier,
  RecipientAddress,
} from '@encoder-manager/sdk';
import { classifySmtpError } from './classify.js';
import { composeMail, type ComposeSettings } from './compose.js';
import type { SmtpTransport } from './transport.js';

/** What the e-mail notifier needs. */
export interface EmailNotifierDeps {
  readonly transport: SmtpTransport;
  readonly settings: ComposeSettings;
  readonly clock: Clock;
  readonly log: Logger;
}

const ABORTED = 'aborted before the relay accepted the message';

/** Resolves with `retry` when the signal aborts; nodemailer itself cannot cancel a send. */
function whenAborted(signal: AbortSignal): { promise: Promise<DeliveryResult>; dispose: () => void } {
  let dispose = (): void => {};
  const promise = new Promise<DeliveryResult>((resolve) => {
    const onAbort = (): void => resolve({ status: 'retry', reason: ABORTED });
    signal.addEventListener('abort', onAbort, { once: true });
    dispose = () => signal.removeEventListener('abort', onAbort);
  });
  return { promise, dispose };
}

/**
 * Sends one notification as one e-mail. Never throws: relay answers become a DeliveryResult. An abort
 * returns `retry` at once; the message may still complete on its pooled connection (an ambiguous
 * outcome, deduplicated downstream by its Message-ID).
 */
export function createEmailNotifier(deps: EmailNotifierDeps): Notifier {
  const { transport, settings, clock, log } = deps;
  const deliver = async (message: NotificationMessage, to: RecipientAddress): Promise<DeliveryResult> => {
    try {
      const info = await transport.sendMail(composeMail(message, to.address, settings, clock.now()));
      log.debug(
        { id: message.id, to: to.recipientId, response: info.response },
        'e-mail accepted by the relay',
      );
      return { status: 'delivered', providerId: info.messageId };
    } catch (error) {
      const result = classifySmtpError(error);
      log.warn(
        { id: message.id, to: to.recipientId, status: result.status, reason: reason(result) },
        'e-mail not sent',
      );
      return result;
    }
  };
  return {
    channel: 'email',
    async send(message, to, signal) {
      if (signal.aborted) return { status: 'retry', reason: ABORTED };
      const aborted = whenAborted(signal);
      try {
        return await Promise.race([deliver(message, to), aborted.promise]);
      } finally {
        aborted.dispose();
      }
    },
  };
}

function reason(result: DeliveryResult): string | undefined {
  return result.status === 'delivered' ? undefined : result.reason;
}
