import { expect } from 'chai';
import { FakeTelegram } from './helpers/fake-telegram.js';
import { alertMessage, configFor, live, telegramNotifier } from './helpers/notifier.js';

const to = { recipientId: 'ops', address: '1001' };

describe('notifier-telegram sending (fake Bot API on 127.0.0.1)', () => {
  let fake: FakeTelegram;
  beforeEach(async () => (fake = await new FakeTelegram().start()));
  afterEach(async () => fake.close());

  it('sends HTML the Bot API accepts: bold subject, escaped text, the notification id, alert buttons', async () => {
    const { notifier, stop } = await telegramNotifier(configFor(fake));
    const message = alertMessage({ text: 'Temp <86 °C> & rising; "fan" <script>alert(1)</script>' });
    const result = await notifier.send(message, to, live());
    await stop();

    expect(result).to.deep.equal({ status: 'delivered', providerId: String(fake.sent[0]?.messageId) });
    const [sent] = fake.sent;
    expect(sent?.parseMode).to.equal('HTML');
    expect(sent?.text).to.match(/^<b>Council Chamber encoder overheating<\/b>\n/);
    expect(sent?.visibleText).to.contain('Temp <86 °C> & rising; "fan" <script>alert(1)</script>');
    expect(sent?.visibleText).to.contain(`Notification ${message.id}`);
    expect(sent?.replyMarkup?.inline_keyboard).to.deep.equal([
      [
        { text: 'Acknowledge', callback_data: 'ack:a1b2c3d4e5f60718' },
        { text: 'Silence 1h', callback_data: 'sil:a1b2c3d4e5f60718' },
      ],
    ]);
  });

  it('adds no buttons to resolved alerts, messages without a fingerprint, or when actions are off', async () => {
    const { notifier, stop } = await telegramNotifier(configFor(fake));
    await notifier.send(alertMessage({ eventType: 'alert.resolved' }), to, live());
    await notifier.send(
      alertMessage({ fingerprint: undefined, eventType: 'failover.completed' }),
      to,
      live(),
    );
    await stop();
    const off = await telegramNotifier(configFor(fake, { actions: { enabled: false } }));
    await off.notifier.send(alertMessage(), to, live());
    await off.stop();
    expect(fake.sent.map((m) => m.replyMarkup)).to.deep.equal([undefined, undefined, undefined]);
  });

  it('splits a long text into messages of at most 4,096 characters on line boundaries, buttons on the last', async () => {
    const lines = Array.from(
      { length: 400 },
      (_, i) => `line ${i}: encoder <enc-${i % 7}> dropped ${i * 3} frames & recovered`,
    );
    const message = alertMessage({ text: lines.join('\n') });
    const { notifier, stop } = await telegramNotifier(configFor(fake, { limits: { perChatIntervalMs: 0 } }));
    const result = await notifier.send(message, to, live());
    await stop();

    expect(result.status).to.equal('delivered');
    expect(fake.sent.length).to.be.within(4, 8);
    for (const sent of fake.sent) expect(sent.text.length).to.be.at.most(4096);
    const visibleLines = fake.sent.flatMap((sent) => sent.visibleText.split('\n'));
    for (const line of lines) expect(visibleLines).to.include(line);
    expect(fake.sent.slice(0, -1).every((sent) => sent.replyMarkup === undefined)).to.equal(true);
    expect(fake.sent.at(-1)?.replyMarkup).to.not.equal(undefined);
  });

  it('splits one very long line without breaking escapes', async () => {
    const text = `${'&<>'.repeat(1500)} ${'x'.repeat(5000)}`;
    const { notifier, stop } = await telegramNotifier(configFor(fake, { limits: { perChatIntervalMs: 0 } }));
    expect((await notifier.send(alertMessage({ text }), to, live())).status).to.equal('delivered');
    await stop();
    expect(fake.sent.length).to.be.at.least(3);
    const joined = fake.sent.map((sent) => sent.visibleText).join('');
    expect(joined.replace(/\s/g, '')).to.contain(text.replace(/\s/g, ''));
  });

  it('after a failed middle chunk, the retry sends only the rest (no duplicate chunks)', async () => {
    const message = alertMessage({
      text: Array.from({ length: 300 }, (_, i) => `line ${i} ${'-'.repeat(30)}`).join('\n'),
    });
    const { notifier, stop } = await telegramNotifier(configFor(fake, { limits: { perChatIntervalMs: 0 } }));
    fake.script(undefined, { error_code: 500, description: 'Internal Server Error' });
    const first = await notifier.send(message, to, live());
    expect(first).to.deep.include({ status: 'retry', reason: '500 Internal Server Error' });
    expect(fake.sent).to.have.length(1);

    const second = await notifier.send(message, to, live());
    await stop();
    expect(second.status).to.equal('delivered');
    expect(fake.sent.length).to.be.at.least(3);
    expect(new Set(fake.sent.map((sent) => sent.text)).size).to.equal(fake.sent.length);
    expect(fake.sent.filter((sent) => sent.visibleText.includes('line 0 ')).length).to.equal(1);
    expect(fake.sent.at(-1)?.visibleText).to.contain(`Notification ${message.id}`);
  });

  it('answers a second send of one notification id from memory', async () => {
    const { notifier, stop } = await telegramNotifier(configFor(fake));
    const message = alertMessage();
    const first = await notifier.send(message, to, live());
    const second = await notifier.send(message, to, live());
    await stop();
    expect(second).to.deep.equal(first);
    expect(fake.sent).to.have.length(1);
  });

  it('falls back to plain text once when Telegram cannot parse the entities', async () => {
    fake.failNext({
      error_code: 400,
      description: 'Bad Request: can\'t parse entities: Unsupported start tag "x" at byte offset 3',
    });
    const { notifier, stop } = await telegramNotifier(configFor(fake));
    const message = alertMessage({ text: 'a < b' });
    const result = await notifier.send(message, to, live());
    await stop();
    expect(result.status).to.equal('delivered');
    expect(fake.sent[0]?.parseMode).to.equal(undefined);
    expect(fake.sent[0]?.text).to.equal(
      `Council Chamber encoder overheating\na < b\n\nNotification ${message.id}`,
    );
  });
});
