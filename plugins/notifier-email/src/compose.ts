import type { NotificationMessage } from '@encoder-manager/sdk';
import type Mail from 'nodemailer/lib/mailer/index.js';

/** Settings that shape every message. */
export interface ComposeSettings {
  readonly from: string;
  readonly replyTo?: string;
  readonly messageIdDomain: string;
  readonly subjectPrefix?: string;
}

/**
 * A Message-ID derived only from the notification id, so every retry of one notification carries the
 * same id and mail systems that dedup on Message-ID show it once. Characters outside a safe subset of
 * RFC 5322 `atext` are hex-escaped as `=XX` (injective, so two ids never share a Message-ID).
 */
export function messageIdFor(notificationId: string, domain: string): string {
  const local = [...notificationId]
    .map((char) => (/^[A-Za-z0-9_-]$/.test(char) ? char : `=${char.codePointAt(0)?.toString(16)}=`))
    .join('');
  return `<em.${local}@${domain}>`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

/**
 * The notification id in the body too, for readers and for matching a reply to the log — unless the
 * body already shows it (the notifications plugin's templates end with it). The HTML footer goes inside
 * `<body>` when the HTML is a whole document.
 */
function withFooters(message: NotificationMessage): Pick<Mail.Options, 'text' | 'html'> {
  const text = message.text.includes(message.id)
    ? message.text
    : `${message.text}\n\n-- \nNotification ID: ${message.id}\n`;
  if (message.html === undefined) return { text };
  if (message.html.includes(escapeHtml(message.id))) return { text, html: message.html };
  const footer = `<p style="color:#666;font-size:small">Notification ID: <code>${escapeHtml(message.id)}</code></p>`;
  const end = message.html.lastIndexOf('</body>');
  const html =
    end === -1
      ? `${message.html}\n${footer}`
      : `${message.html.slice(0, end)}${footer}${message.html.slice(end)}`;
  return { text, html };
}

/** The nodemailer message for one notification to one address. */
export function composeMail(
  message: NotificationMessage,
  to: string,
  settings: ComposeSettings,
  now: number,
): Mail.Options {
  const subject = settings.subjectPrefix ? `${settings.subjectPrefix} ${message.subject}` : message.subject;
  return {
    from: settings.from,
    to,
    ...(settings.replyTo ? { replyTo: settings.replyTo } : {}),
    subject,
    ...withFooters(message),
    messageId: messageIdFor(message.id, settings.messageIdDomain),
    date: new Date(now),
    headers: {
      'X-Encoder-Manager-Notification-Id': message.id,
      'X-Encoder-Manager-Event': message.eventType,
      ...(message.fingerprint ? { 'X-Encoder-Manager-Fingerprint': message.fingerprint } : {}),
      // RFC 3834: tells vacation responders and ticket systems not to answer an automatic message.
      'Auto-Submitted': 'auto-generated',
    },
  };
}
