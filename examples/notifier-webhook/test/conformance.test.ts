import { describeNotifierConformance, notifierFromPlugin } from '@encoder-manager/sdk/testing';
import { notifierWebhookPlugin } from '../src/index.js';
import { startReceiver } from './helpers/receiver.js';

const SECRET = 'conformance-secret-0123456789';

describeNotifierConformance({
  channel: 'webhook',
  idempotency: {
    providerDedup: 'the webhook-id header (the notification id), as Standard Webhooks receivers dedup',
  },
  async startReceiver() {
    const receiver = await startReceiver();
    return {
      address: receiver.url,
      received: () =>
        receiver.requests.map((request) => ({
          content: request.body,
          ...(typeof request.headers['webhook-id'] === 'string'
            ? { dedupKey: request.headers['webhook-id'] }
            : {}),
        })),
      inject(fault) {
        if (fault === 'slow') receiver.mode = { kind: 'hang' };
        if (fault === 'transient') receiver.mode = { kind: 'status', status: 503 };
        if (fault === 'permanent') receiver.mode = { kind: 'status', status: 404 };
      },
      clearFaults: () => void (receiver.mode = { kind: 'ok' }),
      close: () => receiver.close(),
    };
  },
  createNotifier: () => notifierFromPlugin(notifierWebhookPlugin, { secret: SECRET, timeoutMs: 5000 }),
});
