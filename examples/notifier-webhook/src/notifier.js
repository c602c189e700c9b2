import { errorMessageOf } from '@encoder-manager/sdk';
import { classifyStatus, retryAfterMs } from './classify.js';
import { DEFAULTS } from './config.js';
import { signature, signingKey } from './sign.js';

/** @typedef {import('@encoder-manager/sdk').Clock} Clock */
/** @typedef {import('@encoder-manager/sdk').DeliveryResult} DeliveryResult */
/** @typedef {import('@encoder-manager/sdk').Logger} Logger */
/** @typedef {import('@encoder-manager/sdk').NotificationMessage} NotificationMessage */
/** @typedef {import('@encoder-manager/sdk').Notifier} Notifier */
/** @typedef {import('@encoder-manager/sdk').RecipientAddress} RecipientAddress */
/** @typedef {{ url?: string, secret: string, timeoutMs?: number, headers?: Record<string, string> }} WebhookConfig */

/** @type {DeliveryResult} */
const ABORTED = { status: 'retry', reason: 'aborted before the endpoint answered' };

/**
 * The recipient's own URL, else the configured one.
 * @param {string} address
 * @param {string | undefined} fallback
 */
function endpointFor(address, fallback) {
  return /^https?:\/\//i.test(address) ? address : fallback;
}

/**
 * The JSON body. The recipient's address is left out: it is the URL itself.
 * @param {NotificationMessage} message
 * @param {RecipientAddress} to
 */
function payloadOf(message, to) {
  const { id, eventType, subject, text, html, fingerprint, createdAt } = message;
  return { id, type: eventType, subject, text, html, fingerprint, createdAt, recipient: to.recipientId };
}

/**
 * One POST with a deadline on the agent clock; every outcome becomes a DeliveryResult.
 * @param {string} url
 * @param {RequestInit} init
 * @param {AbortSignal} signal
 * @param {{ clock: Clock, timeoutMs: number }} limits
 * @returns {Promise<DeliveryResult>}
 */
async function post(url, init, signal, { clock, timeoutMs }) {
  const deadline = new AbortController();
  const cancel = clock.setTimer(() => deadline.abort(new Error('deadline')), timeoutMs);
  try {
    const response = await fetch(url, {
      ...init,
      redirect: 'manual',
      signal: AbortSignal.any([signal, deadline.signal]),
    });
    const excerpt = (await response.text()).slice(0, 200);
    const reason = `HTTP ${response.status}${excerpt ? `: ${excerpt}` : ''}`;
    return classifyStatus(
      response.status,
      reason,
      retryAfterMs(response.headers.get('retry-after'), clock.now()),
    );
  } catch (error) {
    if (signal.aborted) return ABORTED;
    if (deadline.signal.aborted)
      return { status: 'retry', reason: `timeout: no answer within ${timeoutMs} ms` };
    const cause = error instanceof Error && error.cause instanceof Error ? ` (${error.cause.message})` : '';
    return { status: 'retry', reason: `network: ${errorMessageOf(error)}${cause}` };
  } finally {
    cancel();
  }
}

/**
 * A notifier that POSTs each notification as signed JSON. Never throws.
 * @param {{ config: WebhookConfig, clock: Clock, log: Logger, userAgent: string }} deps
 * @returns {Notifier}
 */
export function createWebhookNotifier({ config, clock, log, userAgent }) {
  const key = signingKey(config.secret);
  const limits = { clock, timeoutMs: config.timeoutMs ?? DEFAULTS.timeoutMs };
  return {
    channel: 'webhook',
    async send(message, to, signal) {
      if (signal.aborted) return ABORTED;
      const url = endpointFor(to.address, config.url);
      if (!url)
        return {
          status: 'permanent',
          reason: `"${to.address}" is not an http(s) URL and no config.url is set`,
        };
      const body = JSON.stringify(payloadOf(message, to));
      const timestamp = Math.floor(clock.now() / 1000);
      const headers = {
        ...config.headers,
        'content-type': 'application/json',
        'user-agent': userAgent,
        'webhook-id': message.id,
        'webhook-timestamp': String(timestamp),
        'webhook-signature': signature(key, message.id, timestamp, body),
      };
      const result = await post(url, { method: 'POST', body, headers }, signal, limits);
      if (result.status !== 'delivered')
        log.warn({ id: message.id, to: to.recipientId, ...result }, 'webhook not delivered');
      return result;
    },
  };
}
