import { describeNotifierConformance } from '@encoder-manager/sdk/testing';
import { configFor, emailNotifier } from './helpers/notifier.js';
import { startTestSmtp } from './helpers/smtp-server.js';

describeNotifierConformance({
  channel: 'email',
  idempotency: { providerDedup: 'Message-ID derived from the notification id' },
  async startReceiver() {
    const server = await startTestSmtp();
    return {
      port: server.port,
      address: 'ops@station.example',
      received: () =>
        server.mails.map(({ parsed }) => ({
          content: [parsed.subject, parsed.text, parsed.messageId].join('\n'),
          ...(parsed.messageId ? { dedupKey: parsed.messageId } : {}),
        })),
      inject: (fault) => void (server.fault = fault),
      clearFaults: () => void (server.fault = 'none'),
      close: () => server.close(),
    };
  },
  createNotifier: (receiver) => emailNotifier(configFor(receiver)),
});
