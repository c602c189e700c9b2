import { expect } from 'chai';
import { FakeClock } from '@encoder-manager/sdk/testing';
import { FakeTelegram } from './helpers/fake-telegram.js';
import { alertMessage, configFor, live, telegramNotifier } from './helpers/notifier.js';

const privateChat = { recipientId: 'alice', address: '1001' };

describe('notifier-telegram error classification (fake Bot API on 127.0.0.1)', () => {
  let fake: FakeTelegram;
  beforeEach(async () => (fake = await new FakeTelegram().start()));
  afterEach(async () => fake.close());

  it('429 → retry after exactly retry_after, and holds other sends to that chat without calling Telegram', async () => {
    const clock = new FakeClock();
    const { notifier, stop } = await telegramNotifier(configFor(fake), { clock });
    fake.failNext({
      error_code: 429,
      description: 'Too Many Requests: retry after 7',
      parameters: { retry_after: 7 },
    });
    const first = await notifier.send(alertMessage(), privateChat, live());
    expect(first).to.deep.equal({
      status: 'retry',
      reason: '429 Too Many Requests: retry after 7',
      retryAfterMs: 7000,
    });

    await clock.advance(2000);
    const during = await notifier.send(alertMessage(), privateChat, live());
    expect(during).to.include({ status: 'retry', retryAfterMs: 5000 });
    expect(fake.sent).to.have.length(0);
    const other = await notifier.send(alertMessage(), { recipientId: 'bob', address: '1002' }, live());
    expect(other.status).to.equal('delivered');

    await clock.advance(5000);
    expect((await notifier.send(alertMessage(), privateChat, live())).status).to.equal('delivered');
    await stop();
  });

  it('429 → sends already queued for that chat do not call Telegram before retry_after either', async () => {
    const { notifier, stop } = await telegramNotifier(
      configFor(fake, { limits: { perChatIntervalMs: 100 } }),
    );
    fake.floodWait('1001', 3);
    const results = await Promise.all(
      [alertMessage(), alertMessage(), alertMessage()].map((m) => notifier.send(m, privateChat, live())),
    );
    await stop();
    expect(
      fake.requests.map((r) => r.status),
      'one call; the queued ones waited',
    ).to.deep.equal([429]);
    expect(results.map((r) => r.status)).to.deep.equal(['retry', 'retry', 'retry']);
    for (const result of results.slice(1)) expect(result).to.have.property('retryAfterMs').within(2500, 3000);
  });

  it('403 "bot was blocked by the user" → permanent', async () => {
    fake.addChat({ id: '1001', type: 'private', status: 'blocked' });
    const { notifier, stop } = await telegramNotifier(configFor(fake));
    const result = await notifier.send(alertMessage(), privateChat, live());
    await stop();
    expect(result).to.deep.equal({
      status: 'permanent',
      reason: '403 Forbidden: bot was blocked by the user',
    });
  });

  it('403 "bot was kicked from the group chat" and 400 "chat not found" → permanent', async () => {
    fake.addChat({ id: '-4001', type: 'group', status: 'kicked' });
    const { notifier, stop } = await telegramNotifier(configFor(fake));
    const kicked = await notifier.send(alertMessage(), { recipientId: 'room', address: '-4001' }, live());
    const missing = await notifier.send(alertMessage(), { recipientId: 'gone', address: '-4999' }, live());
    await stop();
    expect(kicked).to.deep.equal({
      status: 'permanent',
      reason: '403 Forbidden: bot was kicked from the group chat',
    });
    expect(missing).to.deep.equal({ status: 'permanent', reason: '400 Bad Request: chat not found' });
  });

  it('a group upgraded to a supergroup → permanent with newAddress; later sends to the old id reach the new chat', async () => {
    const supergroup = '-1001234567890123';
    fake.addChat({ id: '-4002', type: 'group', status: 'migrated', migrateTo: supergroup });
    fake.addChat({ id: supergroup, type: 'supergroup' });
    const { notifier, stop } = await telegramNotifier(configFor(fake));
    const room = { recipientId: 'room', address: '-4002' };
    const first = await notifier.send(alertMessage(), room, live());
    expect(first).to.deep.include({ status: 'permanent', newAddress: supergroup });
    expect(fake.sent).to.have.length(0);

    const resent = await notifier.send(alertMessage(), { recipientId: 'room', address: supergroup }, live());
    const queued = await notifier.send(alertMessage(), room, live());
    await stop();
    expect([resent.status, queued.status]).to.deep.equal(['delivered', 'delivered']);
    expect(fake.sent.map((sent) => sent.chatId)).to.deep.equal([supergroup, supergroup]);
  });

  it('a rejected bot token (401) → permanent, naming config.token', async () => {
    const { notifier, stop } = await telegramNotifier({ ...configFor(fake), token: '999:wrong' });
    const result = await notifier.send(alertMessage(), privateChat, live());
    await stop();
    expect(result.status).to.equal('permanent');
    expect(result).to.have.property('reason').that.contains('401 Unauthorized').and.contains('config.token');
  });

  it('5xx, a closed server and a request timeout → retry', async () => {
    const { notifier, stop } = await telegramNotifier({ ...configFor(fake), requestTimeoutMs: 500 });
    fake.failNext({ error_code: 502, description: 'Bad Gateway' });
    expect(await notifier.send(alertMessage(), privateChat, live())).to.deep.equal({
      status: 'retry',
      reason: '502 Bad Gateway',
    });
    fake.hang = true;
    const started = Date.now();
    const timedOut = await notifier.send(alertMessage(), privateChat, live());
    expect(timedOut)
      .to.have.property('reason')
      .that.matches(/^timeout/);
    expect(Date.now() - started).to.be.below(2000);
    await fake.close();
    const down = await notifier.send(alertMessage(), privateChat, live());
    await stop();
    expect(down.status).to.equal('retry');
    expect(down)
      .to.have.property('reason')
      .that.matches(/^network/);
  });

  it('an address that is not a chat id → permanent without calling Telegram', async () => {
    const { notifier, stop } = await telegramNotifier(configFor(fake));
    const result = await notifier.send(
      alertMessage(),
      { recipientId: 'x', address: 'alice@example.org' },
      live(),
    );
    await stop();
    expect(result.status).to.equal('permanent');
    expect(fake.sent).to.have.length(0);
  });
});
