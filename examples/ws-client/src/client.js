import { EventEmitter } from 'node:events';
import { WebSocket } from 'ws';
import { FrameChain } from './chain.js';
import { Backoff, Watchdog } from './timers.js';
import { eventsUrl } from './url.js';
import { FrameVerifier } from './verifier.js';

/** @typedef {import('./frames.js').Frame} Frame */
/** @typedef {import('./verifier.js').Verdict} Verdict */
/** @typedef {import('./types.js').ClientOptions} ClientOptions */
/** @typedef {import('./types.js').StreamProblem} StreamProblem */

/** Upgrade answers that retrying cannot fix: bad request or credentials, Origin not allowed, no such path. */
const FATAL_STATUSES = new Set([400, 401, 403, 404]);

/**
 * A reference client for the agent's event WebSocket. It verifies every frame's MAC, epoch and chain as
 * the api plugin's README documents; on a tampered or missing frame it reports a `problem`, drops the
 * connection and reconnects with `since`/`epoch`, so the agent replays exactly what was lost.
 *
 * Events: `hello` (data, start), `snapshot` (data), `event` (frame), `problem` (StreamProblem),
 * `disconnected` ({ code, reason }), `notice` (an `error` frame's data, or why a ticket failed),
 * `pong` / `subscribed` (data), `error` (fatal: the agent refused the upgrade; the client has stopped).
 */
export class EventStreamClient extends EventEmitter {
  chain = new FrameChain();
  stats = { connections: 0, frames: 0, events: 0, duplicates: 0 };
  /** @type {WebSocket | undefined} */
  #ws = undefined;
  #stopped = false;
  #pingIntervalMs = 0;
  #watchdog = new Watchdog();

  /** @param {ClientOptions} options */
  constructor(options) {
    super();
    if (!options.apiKey && !options.ticket) throw new Error('EventStreamClient needs apiKey or ticket');
    this.options = { minReconnectMs: 250, maxReconnectMs: 10_000, ...options };
    this.backoff = new Backoff(this.options.minReconnectMs, this.options.maxReconnectMs);
  }

  /** Opens the first connection; reconnects on its own until `stop()`. */
  start() {
    void this.#connect();
    return this;
  }

  /** Closes the connection and stops reconnecting. */
  stop() {
    this.#stopped = true;
    this.backoff.cancel();
    this.#watchdog.cancel();
    this.#ws?.close(1000, 'client stopping');
    this.#ws = undefined;
  }

  /**
   * Replaces the filter on the open connection and for every later one.
   * @param {readonly string[]} events
   * @param {Readonly<Record<string, string>>} [labels]
   */
  subscribe(events, labels = {}) {
    this.options = { ...this.options, events, labels };
    this.#ws?.send(JSON.stringify({ type: 'subscribe', events, labels }));
  }

  async #connect() {
    if (this.#stopped) return;
    const { options } = this;
    let credential;
    try {
      credential = options.ticket ? await options.ticket() : /** @type {string} */ (options.apiKey);
    } catch (error) {
      this.emit('notice', { detail: `no ticket: ${/** @type {Error} */ (error).message}` });
      return this.#retry();
    }
    if (this.#stopped) return;
    const ticket = options.ticket ? credential : undefined;
    /** @type {Record<string, string>} */
    const headers = ticket ? {} : { Authorization: `Bearer ${credential}` };
    if (options.origin) headers.Origin = options.origin;
    const url = eventsUrl(options.url, { ...options, position: this.chain.position, ticket });
    const ws = new WebSocket(url, { headers, perMessageDeflate: false });
    this.#ws = ws;
    const verifier = new FrameVerifier(credential, this.chain);
    ws.on('message', (data) => ws === this.#ws && this.#receive(ws, verifier, String(data)));
    ws.on('ping', () => ws === this.#ws && this.#watch(ws));
    ws.on('unexpected-response', (_request, response) => {
      response.resume();
      this.#refused(ws, response.statusCode ?? 0, response.headers['retry-after']);
    });
    ws.on('close', (code, reason) => ws === this.#ws && this.#lost(ws, code, String(reason)));
    ws.on('error', () => undefined); // 'close' follows every error
  }

  /**
   * @param {WebSocket} ws
   * @param {FrameVerifier} verifier
   * @param {string} text
   */
  #receive(ws, verifier, text) {
    this.stats.frames += 1;
    this.#watch(ws);
    const result = verifier.receive(text);
    if (result.verdict === 'ok') return this.#dispatch(/** @type {Verdict & { frame: Frame }} */ (result));
    if (result.verdict === 'duplicate') return void (this.stats.duplicates += 1);
    const seq = result.frame?.seq;
    const detail =
      result.verdict === 'gap'
        ? `frames after seq ${this.chain.last} up to ${result.frame?.prev} did not arrive`
        : (result.detail ?? result.verdict);
    this.emit('problem', { kind: result.verdict === 'gap' ? 'missing' : result.verdict, seq, detail });
    // Resync: the reconnect asks for everything after the last good frame, and the agent replays it.
    this.#drop(ws);
    this.backoff.after(0, () => void this.#connect());
  }

  /** @param {Verdict & { frame: Frame }} result */
  #dispatch({ frame, start }) {
    if (frame.type === 'hello') {
      this.backoff.reset();
      this.stats.connections += 1;
      this.#pingIntervalMs = Number(frame.data.pingIntervalMs) || 0;
      if (start === 'resynced' || start === 'epoch-changed')
        this.emit('problem', {
          kind: start,
          seq: frame.seq,
          detail: 'missed events are gone; a snapshot follows',
        });
      return this.emit('hello', frame.data, start);
    }
    if (frame.type === 'snapshot') return this.emit('snapshot', frame.data);
    if (frame.type === 'error') return this.emit('notice', frame.data);
    if (frame.prev === undefined) return this.emit(frame.type, frame.data);
    this.stats.events += 1;
    this.emit('event', frame);
  }

  /**
   * The agent pings every `pingIntervalMs` (from hello): two silent intervals mean the connection is dead
   * even if TCP has not noticed, so drop it and reconnect.
   * @param {WebSocket} ws
   */
  #watch(ws) {
    const silenceMs = this.#pingIntervalMs > 0 ? 2 * this.#pingIntervalMs + 1000 : 0;
    this.#watchdog.arm(silenceMs, () => ws === this.#ws && this.#lost(ws, 1006, 'no ping from the agent'));
  }

  /**
   * @param {WebSocket} ws
   * @param {number} status
   * @param {string | undefined} retryAfter
   */
  #refused(ws, status, retryAfter) {
    if (ws !== this.#ws) return;
    this.#drop(ws);
    if (!FATAL_STATUSES.has(status)) return this.#retry(Number(retryAfter ?? 0) * 1000);
    this.stop();
    this.emit('error', new Error(`the agent refused the WebSocket upgrade with ${status}`));
  }

  /**
   * @param {WebSocket} ws
   * @param {number} code
   * @param {string} reason
   */
  #lost(ws, code, reason) {
    this.#drop(ws);
    this.emit('disconnected', { code, reason });
    this.#retry();
  }

  /** @param {WebSocket} ws */
  #drop(ws) {
    this.#ws = undefined;
    this.#watchdog.cancel();
    ws.terminate();
  }

  /** @param {number} [atLeastMs] */
  #retry(atLeastMs = 0) {
    if (!this.#stopped) this.backoff.later(() => void this.#connect(), atLeastMs);
  }
}
