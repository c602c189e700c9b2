import nodemailer, { type Transporter } from 'nodemailer';
import type SMTPPool from 'nodemailer/lib/smtp-pool/index.js';
import { DEFAULTS, type EmailConfig } from './config.js';
import { connectWithoutDelay } from './socket.js';

/** A pooled SMTP transport, as the notifier uses it. */
export type SmtpTransport = Transporter<SMTPPool.SentMessageInfo, SMTPPool.Options>;

/** Maps the security mode onto nodemailer's three TLS switches. */
function tlsSwitches(config: EmailConfig): Pick<SMTPPool.Options, 'secure' | 'requireTLS' | 'ignoreTLS'> {
  switch (config.security ?? DEFAULTS.security) {
    case 'tls':
      return { secure: true, requireTLS: false, ignoreTLS: false };
    case 'starttls':
      return { secure: false, requireTLS: true, ignoreTLS: false };
    case 'opportunistic':
      return { secure: false, requireTLS: false, ignoreTLS: false };
    case 'none':
      return { secure: false, requireTLS: false, ignoreTLS: true };
  }
}

/** nodemailer options for a pooled connection to the configured relay. */
export function transportOptions(config: EmailConfig): SMTPPool.Options {
  const { tls, auth, pool, timeouts } = config;
  return {
    pool: true,
    host: config.host,
    port: config.port ?? DEFAULTS.port,
    ...tlsSwitches(config),
    tls: {
      rejectUnauthorized: tls?.rejectUnauthorized ?? DEFAULTS.rejectUnauthorized,
      ...(tls?.ca ? { ca: tls.ca } : {}),
      ...(tls?.servername ? { servername: tls.servername } : {}),
      minVersion: 'TLSv1.2',
    },
    ...(auth
      ? { auth: { user: auth.user, pass: auth.password, ...(auth.method ? { method: auth.method } : {}) } }
      : {}),
    getSocket: (options, done) =>
      connectWithoutDelay(
        options.host ?? config.host,
        options.port ?? config.port ?? DEFAULTS.port,
        timeouts?.connectionMs ?? DEFAULTS.connectionTimeoutMs,
        done,
      ),
    maxConnections: pool?.maxConnections ?? DEFAULTS.maxConnections,
    maxMessages: pool?.maxMessages ?? DEFAULTS.maxMessages,
    connectionTimeout: timeouts?.connectionMs ?? DEFAULTS.connectionTimeoutMs,
    greetingTimeout: timeouts?.greetingMs ?? DEFAULTS.greetingTimeoutMs,
    socketTimeout: timeouts?.socketMs ?? DEFAULTS.socketTimeoutMs,
    // nodemailer's own logger writes to stdout; the notifier logs outcomes through ctx.log instead.
    logger: false,
    debug: false,
  };
}

/** Opens (lazily: the first send connects) a pooled transport. */
export function createTransport(config: EmailConfig): SmtpTransport {
  return nodemailer.createTransport(transportOptions(config));
}
