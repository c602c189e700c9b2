import { definePlugin, EmError, errorMessageOf, notifiersRef, type Logger } from '@encoder-manager/sdk';
import addressparser from 'nodemailer/lib/addressparser/index.js';
import { configSchema, type EmailConfig } from './config.js';
import type { ComposeSettings } from './compose.js';
import { createEmailNotifier } from './notifier.js';
import { createTransport, type SmtpTransport } from './transport.js';

export {
  AUTH_METHODS,
  configSchema,
  DEFAULTS,
  SECURITY_MODES,
  type EmailConfig,
  type SecurityMode,
} from './config.js';
export { classifySmtpError } from './classify.js';
export { messageIdFor } from './compose.js';

/** The sender's domain, for Message-IDs; a `from` without one is a config error named here. */
function composeSettings(config: EmailConfig): ComposeSettings {
  const sender = addressparser(config.from, { flatten: true })[0]?.address ?? '';
  const domain = config.messageIdDomain ?? sender.split('@')[1];
  if (!sender.includes('@') || !domain) {
    throw new EmError(
      'EM_CONFIG_INVALID',
      `notifier-email: "from" (${JSON.stringify(config.from)}) has no e-mail address`,
      {
        hint: 'Set plugins.notifier-email.config.from to an address such as "Encoder Manager <alerts@station.org>".',
        details: { path: '/plugins/notifier-email/config/from' },
      },
    );
  }
  return {
    from: config.from,
    messageIdDomain: domain,
    ...(config.replyTo ? { replyTo: config.replyTo } : {}),
    ...(config.subjectPrefix ? { subjectPrefix: config.subjectPrefix } : {}),
  };
}

/** Checks the relay once at start so a wrong password shows in the log before the first alert. */
function verifyInBackground(transport: SmtpTransport, log: Logger): void {
  transport.verify().then(
    () => log.info('SMTP relay reachable and login accepted'),
    (error: unknown) =>
      log.warn({ err: errorMessageOf(error) }, 'SMTP relay check failed; e-mails will be retried'),
  );
}

/** Sends notifications as e-mail through an SMTP relay (nodemailer, pooled, TLS/STARTTLS, AUTH). */
export const notifierEmailPlugin = definePlugin({
  name: 'notifier-email',
  version: '0.1.0',
  sdk: '^1.0.0',
  kind: 'notifier',
  description:
    'E-mail notifier: SMTP submission through nodemailer with TLS/STARTTLS, AUTH, connection pooling, a ' +
    'Message-ID derived from the notification id, and 4xx → retry / 5xx, auth → permanent classification.',
  configSchema,
  setup(ctx, config) {
    const settings = composeSettings(config);
    const transport = createTransport(config);
    ctx.provide(notifiersRef, createEmailNotifier({ transport, settings, clock: ctx.clock, log: ctx.log }));
    ctx.log.info(
      { host: config.host, port: config.port, security: config.security, auth: Boolean(config.auth) },
      'e-mail notifier ready',
    );
    return {
      ready: () => verifyInBackground(transport, ctx.log),
      stop: () => transport.close(),
    };
  },
});

export default notifierEmailPlugin;
