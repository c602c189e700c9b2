import { definePlugin, notifiersRef } from '@encoder-manager/sdk';
import { configSchema } from './config.js';
import { createWebhookNotifier } from './notifier.js';

export { configSchema, DEFAULTS } from './config.js';
export { classifyStatus, retryAfterMs } from './classify.js';
export { signature, signingKey } from './sign.js';

const VERSION = '0.1.0';

/** POSTs each notification as JSON to a URL, signed with HMAC-SHA256 (Standard Webhooks headers). */
export const notifierWebhookPlugin = definePlugin({
  name: 'notifier-webhook',
  version: VERSION,
  sdk: '^1.0.0',
  kind: 'notifier',
  description:
    'Webhook notifier: signed JSON POSTs; 2xx delivered, 408/429/5xx retry (Retry-After honoured), other 4xx permanent.',
  configSchema,
  setup(ctx, config) {
    const userAgent = `encoder-manager-plugin-notifier-webhook/${VERSION}`;
    ctx.provide(notifiersRef, createWebhookNotifier({ config, clock: ctx.clock, log: ctx.log, userAgent }));
    // Only the origin: webhook URLs often carry a token in their path or query.
    ctx.log.info({ origin: config.url ? new URL(config.url).origin : undefined }, 'webhook notifier ready');
  },
});

export default notifierWebhookPlugin;
