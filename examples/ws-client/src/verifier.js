import { FrameChain } from './chain.js';
import { deriveMacKey, hasValidMac, parseFrame } from './frames.js';

/** @typedef {import('./frames.js').Frame} Frame */
/** @typedef {import('./chain.js').ChainStart} ChainStart */

/**
 * The outcome of one received text: `ok`, `duplicate` (ignore it), `gap` (frames were lost before it),
 * `tampered` (its MAC is wrong: it was altered on the way), `invalid` (not a frame, no hello first, or
 * another epoch within one connection).
 * @typedef {object} Verdict
 * @property {'ok' | 'duplicate' | 'gap' | 'tampered' | 'invalid'} verdict
 * @property {Frame} [frame]
 * @property {ChainStart} [start] On the hello frame: where the chain continues.
 * @property {string} [detail]
 */

/**
 * Verifies the frames of ONE connection, in order: the first must be `hello`, whose nonce (with the
 * credential the socket was opened with) gives the MAC key; then every frame, the hello included, must
 * carry a valid MAC and the hello's epoch, and event frames must continue the chain.
 */
export class FrameVerifier {
  /** @type {Buffer | undefined} */
  #key = undefined;
  /** @type {string | undefined} */
  #epoch = undefined;

  /**
   * @param {string} credential The API key or ticket the socket was opened with.
   * @param {FrameChain} [chain] Shared across reconnects to resume where the last connection stopped.
   */
  constructor(credential, chain = new FrameChain()) {
    this.credential = credential;
    this.chain = chain;
  }

  /**
   * @param {string} text A text frame exactly as received.
   * @returns {Verdict}
   */
  receive(text) {
    const frame = parseFrame(text);
    if (!frame) return { verdict: 'invalid', detail: 'not a frame: JSON with epoch, seq, type, data, mac' };
    if (!this.#key) {
      const nonce = frame.type === 'hello' ? frame.data.nonce : undefined;
      if (typeof nonce !== 'string')
        return { verdict: 'invalid', frame, detail: 'the first frame must be hello' };
      this.#key = deriveMacKey(this.credential, nonce);
    }
    if (!hasValidMac(text, this.#key))
      return { verdict: 'tampered', frame, detail: `bad MAC at seq ${frame.seq}` };
    if (this.#epoch === undefined) {
      this.#epoch = frame.epoch;
      return { verdict: 'ok', frame, start: this.chain.start(frame) };
    }
    if (frame.epoch !== this.#epoch)
      return {
        verdict: 'invalid',
        frame,
        detail: `epoch ${frame.epoch} within a connection of ${this.#epoch}`,
      };
    return { verdict: this.chain.accept(frame), frame };
  }
}
