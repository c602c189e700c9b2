import { describeNotifierConformance } from '@encoder-manager/sdk/testing';
import { FakeTelegram } from './helpers/fake-telegram.js';
import { configFor, telegramNotifier } from './helpers/notifier.js';

const CHAT = '1001';

describeNotifierConformance({
  channel: 'telegram',
  idempotency: 'notifier',
  async startReceiver() {
    const fake = await new FakeTelegram().start();
    return {
      fake,
      address: CHAT,
      received: () => fake.sent.map((message) => ({ content: message.text })),
      inject(fault) {
        if (fault === 'slow') fake.hang = true;
        if (fault === 'transient') fake.failNext({ error_code: 502, description: 'Bad Gateway' }, 10);
        if (fault === 'permanent') fake.addChat({ id: CHAT, type: 'private', status: 'blocked' });
      },
      clearFaults() {
        fake.hang = false;
        fake.state.scripted.length = 0;
        fake.state.chats.clear();
      },
      close: () => fake.close(),
    };
  },
  createNotifier: (receiver) => telegramNotifier(configFor(receiver.fake)),
});
