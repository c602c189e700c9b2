import { createHmac, hkdfSync } from 'node:crypto';

/** HKDF `info` for the per-connection frame MAC key; changes only with a new frame format. */
export const MAC_INFO = 'encoder-manager/ws-frame-mac/v1';
/** Length of the trailing `,"mac":"<64 hex>"}` a client strips (and replaces by `}`) before verifying. */
export const MAC_TAIL_LENGTH = ',"mac":"'.length + 64 + '"}'.length;

/**
 * The connection's MAC key: HKDF-SHA-256 over the credential the client opened the socket with (its API
 * key, or the ticket), salted with the random nonce the server sends in the hello frame. The server never
 * stores it and never sends it; a client derives the same key from what it already holds.
 */
export function deriveMacKey(credential: string, nonce: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', Buffer.from(credential, 'utf8'), nonce, MAC_INFO, 32));
}

/** The fields of every frame, before the MAC. `prev` is present on event frames only. */
export interface FrameFields {
  readonly epoch: string;
  readonly seq: number;
  readonly prev?: number;
  readonly ts: number;
  readonly type: string;
  readonly data: unknown;
}

/**
 * The frame text: the JSON of the fields with `"mac"` appended as the last member. The MAC is
 * HMAC-SHA-256 (hex) over the exact bytes of the JSON without that member, so a client verifies the bytes
 * it received, not a re-serialisation.
 */
export function encodeFrame(macKey: Buffer, fields: FrameFields): string {
  const body = JSON.stringify({
    epoch: fields.epoch,
    seq: fields.seq,
    ...(fields.prev === undefined ? {} : { prev: fields.prev }),
    ts: fields.ts,
    type: fields.type,
    data: fields.data,
  });
  const mac = createHmac('sha256', macKey).update(body, 'utf8').digest('hex');
  return `${body.slice(0, -1)},"mac":"${mac}"}`;
}
