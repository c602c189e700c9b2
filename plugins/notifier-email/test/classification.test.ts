import net from 'node:net';
import { expect } from 'chai';
import type { DeliveryResult } from '@encoder-manager/sdk';
import { classifySmtpError } from '../src/index.js';
import { testCert } from './helpers/certs.js';
import { configFor, emailNotifier, message, never } from './helpers/notifier.js';
import { startTestSmtp, type TestSmtp } from './helpers/smtp-server.js';

const to = { recipientId: 'ops', address: 'ops@station.example' };

async function freePort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as net.AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

describe('notifier-email error classification (real SMTP server on 127.0.0.1)', () => {
  const cert = testCert();
  let server: TestSmtp | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  async function sendVia(config: Parameters<typeof emailNotifier>[0]): Promise<DeliveryResult> {
    const { notifier, stop } = await emailNotifier(config);
    try {
      return await notifier.send(message(), to, never);
    } finally {
      await stop();
    }
  }

  it('451 at RCPT TO → retry, with the relay reply as the reason', async () => {
    server = await startTestSmtp();
    server.fault = 'transient';
    const result = await sendVia(configFor(server));
    expect(result.status).to.equal('retry');
    expect(result).to.have.property('reason').that.contains('451 Requested action aborted');
  });

  it('550 at RCPT TO → permanent', async () => {
    server = await startTestSmtp();
    server.fault = 'permanent';
    const result = await sendVia(configFor(server));
    expect(result.status).to.equal('permanent');
    expect(result).to.have.property('reason').that.contains('550 No such user here');
  });

  it('535 on a wrong password (EAUTH) → permanent, naming the settings to fix', async () => {
    server = await startTestSmtp({ tls: cert, users: { alerts: 'right' } });
    const result = await sendVia(
      configFor(server, {
        security: 'starttls',
        tls: { ca: cert.cert },
        auth: { user: 'alerts', password: 'wrong' },
      }),
    );
    expect(result.status).to.equal('permanent');
    expect(result).to.have.property('reason').that.contains('auth.password').and.contains('535');
    expect(server.mails).to.have.length(0);
  });

  it('530 when the relay needs a login and none is configured → permanent', async () => {
    server = await startTestSmtp({ users: { alerts: 'right' } });
    expect((await sendVia(configFor(server))).status).to.equal('permanent');
  });

  it('an untrusted (self-signed, no tls.ca) relay certificate → permanent, pointing at tls.ca', async () => {
    server = await startTestSmtp({ tls: cert });
    const result = await sendVia(configFor(server, { security: 'starttls' }));
    expect(result.status).to.equal('permanent');
    expect(result).to.have.property('reason').that.contains('tls.ca');
  });

  it('security: starttls against a relay without STARTTLS (ETLS) → permanent', async () => {
    server = await startTestSmtp();
    const result = await sendVia(configFor(server, { security: 'starttls' }));
    expect(result.status).to.equal('permanent');
    expect(result).to.have.property('reason').that.contains('ETLS');
  });

  it('connection refused → retry', async () => {
    const result = await sendVia(configFor({ port: await freePort() }));
    expect(result.status).to.equal('retry');
    expect(result).to.have.property('reason').that.contains('ECONNREFUSED');
  });

  it('a relay that accepts TCP but never greets → retry after the greeting timeout', async () => {
    const silent = net.createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as net.AddressInfo;
    const started = Date.now();
    const result = await sendVia(
      configFor({ port }, { timeouts: { connectionMs: 500, greetingMs: 300, socketMs: 1000 } }),
    );
    silent.close();
    expect(result.status).to.equal('retry');
    expect(result).to.have.property('reason').that.contains('ETIMEDOUT');
    expect(Date.now() - started).to.be.below(3000);
  });

  it('classifies bare error shapes by code and reply code', () => {
    expect(classifySmtpError({ code: 'EENVELOPE', responseCode: 452 }).status).to.equal('retry');
    expect(classifySmtpError({ code: 'EMESSAGE', responseCode: 554 }).status).to.equal('permanent');
    expect(classifySmtpError({ code: 'ECONNECTION', responseCode: 421 }).status).to.equal('retry');
    expect(classifySmtpError({ code: 'EDNS' }).status).to.equal('retry');
    expect(classifySmtpError({ code: 'EENVELOPE' }).status).to.equal('permanent');
    expect(classifySmtpError('boom')).to.deep.equal({ status: 'retry', reason: 'unclassified: SMTP: boom' });
  });
});
