import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';

/** HKDF `info` of the per-connection MAC key (plugins/api README, "WebSocket"). */
export const MAC_INFO = 'encoder-manager/ws-frame-mac/v1';

/** The trailing `,"mac":"<64 hex>"}` every frame ends with: 8 + 64 + 2 characters. */
export const MAC_TAIL_LENGTH = 74;

const MAC_TAIL = /,"mac":"([0-9a-f]{64})"\}$/;

/**
 * A frame as the agent sends it. Event frames carry `prev` (the seq of the previous event frame on this
 * connection); control frames (`hello`, `snapshot`, `pong`, `subscribed`, `error`) do not.
 * @typedef {object} Frame
 * @property {string} epoch Random per agent start; positions of another epoch mean nothing here.
 * @property {number} seq Position of the event in the stream (control frames: the current position).
 * @property {number} [prev]
 * @property {number} ts Agent time, epoch milliseconds.
 * @property {string} type Bus event name, or a control frame type.
 * @property {Record<string, unknown>} data
 * @property {string} mac Hex HMAC-SHA-256 of the frame text without this member.
 */

/**
 * The connection's MAC key: HKDF-SHA-256 over the credential the socket was opened with (API key or
 * ticket), salted with the hello frame's nonce. The agent never sends it; both sides derive it.
 * @param {string} credential
 * @param {string} nonce base64url, from `hello.data.nonce`
 * @returns {Buffer}
 */
export function deriveMacKey(credential, nonce) {
  const salt = Buffer.from(nonce, 'base64url');
  return Buffer.from(hkdfSync('sha256', Buffer.from(credential, 'utf8'), salt, MAC_INFO, 32));
}

/**
 * True when the frame's MAC is right: HMAC-SHA-256 over the exact text received minus its last 74
 * characters, plus `}` — the bytes as sent, never a re-serialisation. Constant-time comparison.
 * @param {string} text
 * @param {Buffer} macKey
 * @returns {boolean}
 */
export function hasValidMac(text, macKey) {
  const match = MAC_TAIL.exec(text);
  if (!match || text.length - MAC_TAIL_LENGTH < 1) return false;
  const body = `${text.slice(0, -MAC_TAIL_LENGTH)}}`;
  const expected = createHmac('sha256', macKey).update(body, 'utf8').digest();
  return timingSafeEqual(expected, Buffer.from(/** @type {string} */ (match[1]), 'hex'));
}

/**
 * The frame in `text`, or undefined when it is not JSON of the documented shape.
 * @param {string} text
 * @returns {Frame | undefined}
 */
export function parseFrame(text) {
  let value;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const { epoch, seq, prev, type, data, mac } = value;
  const shaped =
    typeof epoch === 'string' &&
    Number.isSafeInteger(seq) &&
    (prev === undefined || Number.isSafeInteger(prev)) &&
    typeof type === 'string' &&
    typeof data === 'object' &&
    data !== null &&
    typeof mac === 'string';
  return shaped ? /** @type {Frame} */ (value) : undefined;
}
