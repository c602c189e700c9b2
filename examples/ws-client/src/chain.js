/** @typedef {import('./frames.js').Frame} Frame */

/**
 * Where a new connection's hello puts the chain: `fresh` (first connection), `resumed` (the agent
 * replays exactly what was missed), `resynced` (it no longer had the missed events; a snapshot follows),
 * `epoch-changed` (the agent restarted; positions start over, a snapshot follows).
 * @typedef {'fresh' | 'resumed' | 'resynced' | 'epoch-changed'} ChainStart
 */

/**
 * What one event frame means for the chain: `ok` (next in line), `duplicate` (seen already: ignore),
 * `gap` (`prev` is not the last seq seen: frames were lost in between).
 * @typedef {'ok' | 'duplicate' | 'gap'} ChainVerdict
 */

/**
 * The stream position a client keeps across connections: the agent's epoch and the seq of the last
 * event it accepted. Filters leave gaps in `seq`, so loss is detected through `prev`, never by counting.
 */
export class FrameChain {
  /** @type {string | undefined} */
  epoch = undefined;
  /** Seq of the last accepted event frame (or the hello's position); -1 before the first hello. */
  last = -1;

  /**
   * Starts a connection at its hello frame.
   * @param {Frame} hello
   * @returns {ChainStart}
   */
  start(hello) {
    const previous = this.epoch;
    this.epoch = hello.epoch;
    if (previous === undefined || previous !== hello.epoch) {
      this.last = hello.seq;
      return previous === undefined ? 'fresh' : 'epoch-changed';
    }
    if (hello.data.resumed === true && hello.seq === this.last) return 'resumed';
    this.last = hello.seq;
    return 'resynced';
  }

  /**
   * Checks an event frame against the chain and advances it when the frame is next in line. Control
   * frames (no `prev`) carry the current position only and are always `ok`.
   * @param {Frame} frame
   * @returns {ChainVerdict}
   */
  accept(frame) {
    if (frame.prev === undefined) return 'ok';
    if (frame.seq <= this.last) return 'duplicate';
    if (frame.prev !== this.last) return 'gap';
    this.last = frame.seq;
    return 'ok';
  }

  /** The `since`/`epoch` to resume from, or undefined before the first hello. */
  get position() {
    return this.epoch === undefined ? undefined : { since: this.last, epoch: this.epoch };
  }
}
