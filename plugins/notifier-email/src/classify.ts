import type { DeliveryResult } from '@encoder-manager/sdk';

/** The fields nodemailer puts on its errors (https://nodemailer.com/errors). */
interface SmtpErrorFields {
  readonly code?: string;
  readonly responseCode?: number;
  readonly response?: string;
  readonly command?: string;
  readonly message?: string;
}

/** Connection-level codes: the relay may well answer next time. */
const TRANSIENT_CODES = new Set([
  'ECONNECTION',
  'ETIMEDOUT',
  'ESOCKET',
  'EDNS',
  'EPROTOCOL',
  'EMAXLIMIT',
  'ECONNREFUSED',
  'ECONNRESET',
]);
/** Channel configuration problems: retrying the same settings cannot help. */
const CONFIG_CODES: Record<string, string> = {
  EAUTH: 'the relay refused the login (check auth.user/auth.password)',
  ENOAUTH: 'the relay needs a login but none is configured (set auth)',
  ETLS: 'TLS with the relay failed (check security, port and tls.ca)',
  EREQUIRETLS: 'the relay does not support the required TLS',
  ECONFIG: 'the e-mail settings are invalid',
};

/** Node's TLS verification messages ("self-signed certificate", "certificate has expired", "…altnames"). */
const CERTIFICATE_PROBLEM = /certificate|altnames/i;

function fieldsOf(error: unknown): SmtpErrorFields {
  return typeof error === 'object' && error !== null
    ? (error as SmtpErrorFields)
    : { message: String(error) };
}

function describe(fields: SmtpErrorFields): string {
  const reply = fields.response ?? fields.message ?? 'unknown error';
  const where = fields.command ? ` at ${fields.command}` : '';
  return `${fields.code ?? 'SMTP'}${where}: ${reply}`.slice(0, 500);
}

/**
 * RFC 5321: 4yz is transient, 5yz permanent. Auth/TLS/config failures are permanent for the channel.
 * Socket, timeout and DNS failures are transient.
 */
export function classifySmtpError(error: unknown): DeliveryResult {
  const fields = fieldsOf(error);
  const reason = describe(fields);
  const configProblem = fields.code ? CONFIG_CODES[fields.code] : undefined;
  if (configProblem) return { status: 'permanent', reason: `${configProblem} — ${reason}` };
  if (fields.responseCode === undefined && CERTIFICATE_PROBLEM.test(fields.message ?? '')) {
    const fix = "the relay's TLS certificate was not accepted (set tls.ca or tls.servername, or renew it)";
    return { status: 'permanent', reason: `${fix} — ${reason}` };
  }
  const reply = fields.responseCode;
  if (reply !== undefined && reply >= 400 && reply < 500) return { status: 'retry', reason };
  if (reply !== undefined && reply >= 500) return { status: 'permanent', reason };
  if (fields.code && TRANSIENT_CODES.has(fields.code)) return { status: 'retry', reason };
  // EENVELOPE/EMESSAGE without a reply code: the message or address itself is unusable.
  if (fields.code === 'EENVELOPE' || fields.code === 'EMESSAGE') return { status: 'permanent', reason };
  return { status: 'retry', reason: `unclassified: ${reason}` };
}
