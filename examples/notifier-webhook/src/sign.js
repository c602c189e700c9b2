import { createHmac } from 'node:crypto';

/**
 * The signing key: a Standard Webhooks secret (`whsec_` + base64) is decoded, any other string is used as
 * its UTF-8 bytes.
 * @param {string} secret
 * @returns {Buffer}
 */
export function signingKey(secret) {
  return secret.startsWith('whsec_')
    ? Buffer.from(secret.slice('whsec_'.length), 'base64')
    : Buffer.from(secret, 'utf8');
}

/**
 * Standard Webhooks signature: `v1,` + base64 HMAC-SHA256 over `<id>.<timestamp>.<body>`, so the body,
 * the message id and the time it was signed are all covered (a receiver rejects replays by time).
 * @param {Buffer} key
 * @param {string} id
 * @param {number} timestampSec
 * @param {string} body
 * @returns {string}
 */
export function signature(key, id, timestampSec, body) {
  return `v1,${createHmac('sha256', key).update(`${id}.${timestampSec}.${body}`).digest('base64')}`;
}
