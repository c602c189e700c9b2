import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';
import type { TestCert } from './certs.js';

/**
 * What the test SMTP server should do with the next transactions: `transient` 451 at RCPT TO,
 * `refuse` in turn 421 at the greeting, 421 at MAIL FROM (both close the connection) and 451 at
 * RCPT TO, `permanent` 550,
 * `slow` holds DATA without an answer (until close).
 */
export type SmtpFault = 'none' | 'transient' | 'refuse' | 'permanent' | 'slow';

/** How the test server is set up. */
export interface TestSmtpOptions {
  /** Offer STARTTLS (or, with `implicitTls`, TLS from the first byte) with this certificate. */
  readonly tls?: TestCert;
  readonly implicitTls?: boolean;
  /** Require AUTH with these user → password pairs (only after TLS when `tls` is set). */
  readonly users?: Readonly<Record<string, string>>;
  readonly authMethods?: readonly string[];
}

/** One accepted message with what the session looked like. */
export interface ReceivedMail {
  readonly parsed: ParsedMail;
  readonly secure: boolean;
  readonly authMethod?: string;
  readonly user?: string;
  /** When the server accepted it (real clock, epoch ms). */
  readonly at: number;
}

/** A real SMTP server (the `smtp-server` package) on 127.0.0.1 with fault injection. */
export interface TestSmtp {
  readonly port: number;
  readonly mails: ReceivedMail[];
  /** Connections opened so far and the most that were open at once (pooling checks). */
  readonly connections: { total: number; open: number; maxOpen: number };
  fault: SmtpFault;
  /** Transactions answered with a 4xx/5xx because of `fault`. */
  readonly refusals: number;
  /** DATA commands held without an answer (`slow`). */
  readonly holding: number;
  close(): Promise<void>;
}

function reply(code: number, text: string): Error & { responseCode: number } {
  return Object.assign(new Error(text), { responseCode: code });
}

/** Starts the server on an ephemeral port. */
export async function startTestSmtp(options: TestSmtpOptions = {}): Promise<TestSmtp> {
  const mails: ReceivedMail[] = [];
  const connections = { total: 0, open: 0, maxOpen: 0 };
  const held: (() => void)[] = [];
  const state = { fault: 'none' as SmtpFault, refusals: 0 };
  const logins = new Map<string, { method: string; user: string }>();
  const serverOptions: SMTPServerOptions = {
    secure: options.implicitTls ?? false,
    ...(options.tls ? { key: options.tls.key, cert: options.tls.cert } : { disabledCommands: ['STARTTLS'] }),
    authOptional: options.users === undefined,
    authMethods: [...(options.authMethods ?? ['PLAIN', 'LOGIN'])],
    allowInsecureAuth: options.tls === undefined,
    closeTimeout: 200,
    // No reverse DNS of 127.0.0.1 per connection: it only slows tests down.
    disableReverseLookup: true,
    logger: false,
    onConnect(_session, callback) {
      connections.total += 1;
      connections.open += 1;
      connections.maxOpen = Math.max(connections.maxOpen, connections.open);
      if (state.fault === 'refuse' && state.refusals % 3 === 0) {
        state.refusals += 1;
        return callback(reply(421, 'Too many connections, try again later'));
      }
      callback();
    },
    onClose() {
      connections.open -= 1;
    },
    onAuth(auth, session, callback) {
      const expected = options.users?.[auth.username ?? ''];
      if (expected === undefined || expected !== auth.password) {
        return callback(reply(535, 'Authentication credentials invalid'));
      }
      logins.set(session.id, { method: auth.method, user: auth.username ?? '' });
      callback(null, { user: auth.username });
    },
    onMailFrom(_address, _session, callback) {
      if (state.fault === 'refuse' && state.refusals % 3 === 1) {
        state.refusals += 1;
        return callback(reply(421, 'Service not available, closing transmission channel'));
      }
      callback();
    },
    onRcptTo(_address, _session, callback) {
      if (state.fault === 'transient' || state.fault === 'refuse') {
        state.refusals += 1;
        return callback(reply(451, 'Requested action aborted: try again later'));
      }
      if (state.fault === 'permanent') {
        state.refusals += 1;
        return callback(reply(550, 'No such user here'));
      }
      callback();
    },
    onData(stream, session, callback) {
      if (state.fault === 'slow') {
        stream.resume();
        held.push(() => callback(reply(451, 'closing')));
        return;
      }
      simpleParser(stream).then(
        (parsed) => {
          const login = logins.get(session.id);
          const at = Date.now();
          mails.push({ parsed, secure: session.secure, authMethod: login?.method, user: login?.user, at });
          callback();
        },
        (error: Error) => callback(error),
      );
    },
  };
  const server = new SMTPServer(serverOptions);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const port = (server.server.address() as AddressInfo).port;
  return {
    port,
    mails,
    connections,
    get fault() {
      return state.fault;
    },
    set fault(value: SmtpFault) {
      state.fault = value;
    },
    get refusals() {
      return state.refusals;
    },
    get holding() {
      return held.length;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const release of held.splice(0)) release();
        server.close(() => resolve());
      }),
  };
}
