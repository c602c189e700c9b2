import { createHmac } from 'node:crypto';
import { expect } from 'chai';
import type { NotificationMessage } from '@encoder-manager/sdk';
import { FakeClock, notifierFromPlugin } from '@encoder-manager/sdk/testing';
import { notifierWebhookPlugin, retryAfterMs } from '../src/index.js';
import { startReceiver, type Receiver } from './helpers/receiver.js';

const SECRET = 'a-long-shared-secret-for-tests';
const message: NotificationMessage = {
  id: 'n-42',
  subject: 'Council Chamber encoder overheating',
  text: 'enc-1 reports 86 °C.',
  eventType: 'alert.firing',
  fingerprint: 'fp-1',
  createdAt: Date.UTC(2026, 0, 1),
};
const live = () => new AbortController().signal;

describe('notifier-webhook (real HTTP receiver on 127.0.0.1)', () => {
  let receiver: Receiver;
  beforeEach(async () => (receiver = await startReceiver()));
  afterEach(async () => receiver.close());

  const setUp = (config: Record<string, unknown> = {}, clock = new FakeClock(Date.UTC(2026, 0, 1, 12))) =>
    notifierFromPlugin(notifierWebhookPlugin, { secret: SECRET, url: receiver.url, ...config }, { clock });

  it('POSTs the notification as JSON with a verifiable Standard Webhooks signature', async () => {
    const { notifier, stop } = await setUp({ headers: { 'X-Api-Key': 'k1' } });
    const result = await notifier.send(message, { recipientId: 'ops', address: 'ops' }, live());
    await stop();
    expect(result).to.deep.equal({ status: 'delivered' });
    const [request] = receiver.requests;
    expect(request?.method).to.equal('POST');
    expect(request?.headers).to.include({
      'content-type': 'application/json',
      'webhook-id': 'n-42',
      'webhook-timestamp': String(Date.UTC(2026, 0, 1, 12) / 1000),
      'x-api-key': 'k1',
    });
    const body = request?.body ?? '';
    const expected = createHmac('sha256', SECRET)
      .update(`n-42.${request?.headers['webhook-timestamp']}.${body}`)
      .digest('base64');
    expect(request?.headers['webhook-signature']).to.equal(`v1,${expected}`);
    expect(JSON.parse(body)).to.deep.equal({
      id: 'n-42',
      type: 'alert.firing',
      subject: message.subject,
      text: message.text,
      fingerprint: 'fp-1',
      createdAt: message.createdAt,
      recipient: 'ops',
    });
  });

  it('uses a recipient address that is a URL instead of config.url, and decodes whsec_ secrets', async () => {
    const key = Buffer.from('0123456789abcdef0123456789abcdef');
    const { notifier, stop } = await setUp({
      url: 'http://127.0.0.1:9/unused',
      secret: `whsec_${key.toString('base64')}`,
    });
    expect(
      (await notifier.send(message, { recipientId: 'r', address: receiver.url }, live())).status,
    ).to.equal('delivered');
    await stop();
    const [request] = receiver.requests;
    const expected = createHmac('sha256', key)
      .update(`n-42.${request?.headers['webhook-timestamp']}.${request?.body}`)
      .digest('base64');
    expect(request?.headers['webhook-signature']).to.equal(`v1,${expected}`);
  });

  it('429 and 503 → retry honouring Retry-After (seconds or HTTP date); 408 → retry', async () => {
    const clock = new FakeClock(Date.UTC(2026, 0, 1, 12));
    const { notifier, stop } = await setUp({}, clock);
    const to = { recipientId: 'ops', address: 'ops' };
    receiver.mode = { kind: 'status', status: 429, headers: { 'retry-after': '30' }, body: 'slow down' };
    expect(await notifier.send(message, to, live())).to.deep.equal({
      status: 'retry',
      reason: 'HTTP 429: slow down',
      retryAfterMs: 30_000,
    });
    receiver.mode = {
      kind: 'status',
      status: 503,
      headers: { 'retry-after': new Date(clock.now() + 120_000).toUTCString() },
    };
    expect(await notifier.send(message, to, live())).to.deep.equal({
      status: 'retry',
      reason: 'HTTP 503',
      retryAfterMs: 120_000,
    });
    receiver.mode = { kind: 'status', status: 408 };
    expect((await notifier.send(message, to, live())).status).to.equal('retry');
    await stop();
  });

  it('400, 401, 410 and redirects → permanent, with the reason', async () => {
    const { notifier, stop } = await setUp();
    const to = { recipientId: 'ops', address: 'ops' };
    const outcomes = [];
    for (const [status, headers] of [
      [400, {}],
      [401, {}],
      [410, {}],
      [301, { location: 'https://elsewhere.example/' }],
    ] as const) {
      receiver.mode = { kind: 'status', status, headers };
      outcomes.push(await notifier.send(message, to, live()));
    }
    await stop();
    expect(outcomes.map((o) => o.status)).to.deep.equal(['permanent', 'permanent', 'permanent', 'permanent']);
    expect(outcomes[2]).to.have.property('reason').that.contains('gone');
    expect(outcomes[3]).to.have.property('reason').that.contains('redirects are not followed');
  });

  it('a receiver that never answers → retry after timeoutMs (agent clock)', async () => {
    receiver.mode = { kind: 'hang' };
    const clock = new FakeClock();
    const { notifier, stop } = await setUp({ timeoutMs: 2000 }, clock);
    const sending = notifier.send(message, { recipientId: 'ops', address: 'ops' }, live());
    await new Promise((resolve) => setTimeout(resolve, 100));
    await clock.advance(2000);
    expect(await sending).to.deep.equal({ status: 'retry', reason: 'timeout: no answer within 2000 ms' });
    await stop();
  });

  it('no URL at all → permanent', async () => {
    const { notifier, stop } = await notifierFromPlugin(notifierWebhookPlugin, { secret: SECRET });
    const result = await notifier.send(message, { recipientId: 'ops', address: 'ops-team' }, live());
    await stop();
    expect(result.status).to.equal('permanent');
  });

  it('parses Retry-After forms', () => {
    expect(retryAfterMs('5', 0)).to.equal(5000);
    expect(retryAfterMs('Thu, 01 Jan 1970 00:00:10 GMT', 4000)).to.equal(6000);
    expect(retryAfterMs('soon', 0)).to.equal(undefined);
    expect(retryAfterMs(null, 0)).to.equal(undefined);
  });
});
