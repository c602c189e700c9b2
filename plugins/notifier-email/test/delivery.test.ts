import { expect } from 'chai';
import { messageIdFor } from '../src/index.js';
import { testCert } from './helpers/certs.js';
import { configFor, emailNotifier, message, never } from './helpers/notifier.js';
import { startTestSmtp, type TestSmtp } from './helpers/smtp-server.js';

const to = { recipientId: 'ops', address: 'ops@station.example' };

describe('notifier-email delivery (real SMTP server on 127.0.0.1)', () => {
  const cert = testCert();
  const users = { alerts: 'correct horse' };
  let server: TestSmtp | undefined;
  afterEach(async () => server?.close());

  it('sends over STARTTLS with AUTH PLAIN, verifying the self-signed certificate through tls.ca', async () => {
    server = await startTestSmtp({ tls: cert, users, authMethods: ['PLAIN'] });
    const { notifier, stop } = await emailNotifier(
      configFor(server, {
        security: 'starttls',
        tls: { ca: cert.cert },
        auth: { user: 'alerts', password: 'correct horse', method: 'PLAIN' },
        subjectPrefix: '[EM]',
      }),
    );
    const sent = message();
    const result = await notifier.send(sent, to, never);
    await stop();

    expect(result).to.include({ status: 'delivered', providerId: messageIdFor(sent.id, 'station.example') });
    const [mail] = server.mails;
    expect(mail).to.include({ secure: true, authMethod: 'PLAIN', user: 'alerts' });
    expect(mail?.parsed.subject).to.equal('[EM] Council Chamber encoder overheating');
    expect(mail?.parsed.text)
      .to.contain('enc-1 reports 86 °C (limit 80 °C).')
      .and.contain(`Notification ID: ${sent.id}`);
    expect(mail?.parsed.html).to.contain('<p><b>enc-1</b> reports 86 °C (limit 80 °C).</p>');
    expect(mail?.parsed.messageId).to.equal(messageIdFor(sent.id, 'station.example'));
    expect(mail?.parsed.headers.get('x-encoder-manager-notification-id')).to.equal(sent.id);
    expect(mail?.parsed.headers.get('auto-submitted')).to.equal('auto-generated');
    expect(mail?.parsed.to).to.deep.include({ text: 'ops@station.example' });
  });

  it('sends over STARTTLS with AUTH LOGIN', async () => {
    server = await startTestSmtp({ tls: cert, users, authMethods: ['LOGIN'] });
    const { notifier, stop } = await emailNotifier(
      configFor(server, {
        security: 'starttls',
        tls: { ca: cert.cert },
        auth: { user: 'alerts', password: 'correct horse' },
      }),
    );
    const result = await notifier.send(message({ html: undefined }), to, never);
    await stop();
    expect(result.status).to.equal('delivered');
    expect(server.mails[0]).to.include({ secure: true, authMethod: 'LOGIN' });
    expect(server.mails[0]?.parsed.html).to.equal(false);
  });

  it('sends over implicit TLS (security: tls, as on port 465)', async () => {
    server = await startTestSmtp({ tls: cert, implicitTls: true, users });
    const { notifier, stop } = await emailNotifier(
      configFor(server, {
        security: 'tls',
        tls: { ca: cert.cert },
        auth: { user: 'alerts', password: 'correct horse' },
      }),
    );
    const result = await notifier.send(message(), to, never);
    await stop();
    expect(result.status).to.equal('delivered');
    expect(server.mails[0]?.secure).to.equal(true);
  });

  it('reuses pooled connections: 12 concurrent sends use at most maxConnections connections', async () => {
    server = await startTestSmtp();
    const { notifier, stop } = await emailNotifier(
      configFor(server, { pool: { maxConnections: 2, maxMessages: 100 } }),
    );
    const results = await Promise.all(
      Array.from({ length: 12 }, () => notifier.send(message(), to, new AbortController().signal)),
    );
    await stop();
    expect(results.every((r) => r.status === 'delivered')).to.equal(true);
    expect(server.mails).to.have.length(12);
    expect(server.connections.maxOpen).to.be.at.most(2);
    expect(server.connections.total).to.be.at.most(2);
  });

  it('gives every retry of one notification the same Message-ID, and different notifications different ones', async () => {
    server = await startTestSmtp();
    const { notifier, stop } = await emailNotifier(configFor(server));
    const first = message();
    await notifier.send(first, to, never);
    await notifier.send(first, to, never);
    await notifier.send(message(), to, never);
    await stop();
    const ids = server.mails.map((mail) => mail.parsed.messageId);
    expect(ids[0]).to.equal(ids[1]);
    expect(ids[2]).to.not.equal(ids[0]);
  });
});

describe('messageIdFor', () => {
  it('keeps safe characters and escapes the rest injectively', () => {
    expect(messageIdFor('n-1_a', 'station.org')).to.equal('<em.n-1_a@station.org>');
    expect(messageIdFor('a b<c>@d', 'x.org')).to.equal('<em.a=20=b=3c=c=3e==40=d@x.org>');
    expect(messageIdFor('a.b', 'x.org')).to.not.equal(messageIdFor('a=2e=b', 'x.org'));
  });
});
