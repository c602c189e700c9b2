import { expect } from 'chai';
import { FakeTelegram } from './helpers/fake-telegram.js';
import { alertMessage, configFor, live, telegramNotifier, until } from './helpers/notifier.js';

/** Gaps in ms between consecutive arrivals. */
const gaps = (times: number[]) => times.slice(1).map((t, i) => t - (times[i] ?? t));

describe('notifier-telegram flood limits (real time, fake Bot API on 127.0.0.1)', function () {
  this.timeout(15_000);
  let fake: FakeTelegram;
  beforeEach(async () => (fake = await new FakeTelegram().start()));
  afterEach(async () => fake.close());

  it('sends at most one message per second to one chat with the default limits, in order', async () => {
    const { limits: _ignored, ...config } = configFor(fake);
    const { notifier, stop } = await telegramNotifier(config);
    // Warm the HTTP client up on another chat, so the first request's connection set-up does not skew the gaps.
    await notifier.send(alertMessage(), { recipientId: 'warm-up', address: '999' }, live());
    fake.sent.length = 0;
    const messages = [alertMessage(), alertMessage(), alertMessage()];
    const results = await Promise.all(
      messages.map((m) => notifier.send(m, { recipientId: 'a', address: '1001' }, live())),
    );
    await stop();
    expect(results.map((r) => r.status)).to.deep.equal(['delivered', 'delivered', 'delivered']);
    expect(fake.sent.map((s, i) => s.visibleText.includes(messages[i]?.id ?? '?'))).to.deep.equal([
      true,
      true,
      true,
    ]);
    for (const gap of gaps(fake.sent.map((s) => s.at))) expect(gap).to.be.within(950, 1500);
  });

  it('does not hold one chat back for another: five chats get their first message at once', async () => {
    const { limits: _ignored, ...config } = configFor(fake);
    const { notifier, stop } = await telegramNotifier(config);
    const started = Date.now();
    await Promise.all(
      ['1', '2', '3', '4', '5'].map((id) =>
        notifier.send(alertMessage(), { recipientId: id, address: id }, live()),
      ),
    );
    await stop();
    expect(fake.sent).to.have.length(5);
    expect(Math.max(...fake.sent.map((s) => s.at)) - started).to.be.below(800);
  });

  it('caps a group at groupPerMinute messages per minute (private chats are not affected)', async () => {
    fake.addChat({ id: '-4001', type: 'group' });
    const { notifier, stop } = await telegramNotifier(
      configFor(fake, { limits: { perChatIntervalMs: 0, groupPerMinute: 3 } }),
    );
    const group = { recipientId: 'room', address: '-4001' };
    const first = await Promise.all([1, 2, 3].map(() => notifier.send(alertMessage(), group, live())));
    expect(first.map((r) => r.status)).to.deep.equal(['delivered', 'delivered', 'delivered']);
    const deadline = AbortSignal.timeout(1000);
    const fourth = await notifier.send(alertMessage(), group, deadline);
    const privateSend = await notifier.send(alertMessage(), { recipientId: 'a', address: '1001' }, live());
    await stop();
    expect(fourth).to.deep.equal({ status: 'retry', reason: 'aborted before Telegram answered' });
    expect(privateSend.status).to.equal('delivered');
    expect(fake.sent.filter((s) => s.chatId === '-4001')).to.have.length(3);
  });

  it('caps all chats together at globalPerSecond', async () => {
    const { notifier, stop } = await telegramNotifier(
      configFor(fake, { limits: { perChatIntervalMs: 0, globalPerSecond: 2 } }),
    );
    const started = Date.now();
    await Promise.all(
      ['1', '2', '3', '4', '5'].map((id) =>
        notifier.send(alertMessage(), { recipientId: id, address: id }, live()),
      ),
    );
    await stop();
    const offsets = fake.sent.map((s) => s.at - started).sort((a, b) => a - b);
    expect(offsets.filter((ms) => ms < 900)).to.have.length(2);
    expect(offsets[4]).to.be.at.least(1900);
  });

  it('an abort while queued returns retry at once and the message is never sent', async () => {
    const { limits: _ignored, ...config } = configFor(fake);
    const { notifier, stop } = await telegramNotifier(config);
    const chat = { recipientId: 'a', address: '1001' };
    await notifier.send(alertMessage(), chat, live());
    const controller = new AbortController();
    const queued = notifier.send(alertMessage(), chat, controller.signal);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const abortedAt = Date.now();
    controller.abort(new Error('outbox deadline'));
    const result = await queued;
    expect(Date.now() - abortedAt).to.be.below(100);
    expect(result.status).to.equal('retry');
    await new Promise((resolve) => setTimeout(resolve, 1200));
    await stop();
    expect(fake.sent).to.have.length(1);
  });

  it('keeps working after stop() of one instance when a new one starts', async () => {
    const one = await telegramNotifier(configFor(fake));
    await one.stop();
    const two = await telegramNotifier(configFor(fake));
    expect(
      (await two.notifier.send(alertMessage(), { recipientId: 'a', address: '1001' }, live())).status,
    ).to.equal('delivered');
    await two.stop();
    await until(() => fake.sent.length === 1);
  });
});
