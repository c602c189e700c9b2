/** @typedef {import('@encoder-manager/sdk').DeliveryResult} DeliveryResult */

/**
 * Milliseconds a `Retry-After` header asks for (seconds or an HTTP date), or undefined.
 * @param {string | null} header
 * @param {number} now epoch ms from the agent clock
 * @returns {number | undefined}
 */
export function retryAfterMs(header, now) {
  if (!header) return undefined;
  if (/^\d+$/.test(header.trim())) return Number(header.trim()) * 1000;
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/**
 * 2xx delivered; 408, 429 and 5xx retry (honouring Retry-After); redirects and other 4xx permanent.
 * @param {number} status
 * @param {string} reason the status line and the start of the body
 * @param {number | undefined} waitMs from Retry-After
 * @returns {DeliveryResult}
 */
export function classifyStatus(status, reason, waitMs) {
  if (status >= 200 && status < 300) return { status: 'delivered' };
  if (status === 408 || status === 429 || status >= 500) {
    return waitMs === undefined
      ? { status: 'retry', reason }
      : { status: 'retry', reason, retryAfterMs: waitMs };
  }
  if (status >= 300 && status < 400)
    return { status: 'permanent', reason: `${reason} (redirects are not followed: configure the final URL)` };
  if (status === 410)
    return { status: 'permanent', reason: `${reason} (the endpoint is gone: remove or fix the URL)` };
  return { status: 'permanent', reason };
}
