import { randomUUID } from 'node:crypto';
import { DriverError, classifyNetworkError } from '@encoder-manager/sdk';
import WebSocket from 'ws';
import { closeError, ConnectionLost } from './errors.js';
import { decodeServerMessage, type RequestResponse, type ServerMessage } from './messages.js';
import { identifyData } from './identify.js';
import { JSON_SUBPROTOCOL, OpCode } from './protocol.js';

/** Why a session ended, for the reconnect policy. */
export interface SocketClosed {
  readonly code: number;
  readonly error: DriverError;
}

/** Settings for {@link ObsSocket.open}. */
export interface ObsSocketOptions {
  readonly url: string;
  readonly password?: string;
  /** Aborts the handshake (connect, Hello, Identify, Identified). */
  readonly signal: AbortSignal;
  onEvent(eventType: string, eventData: Record<string, unknown> | undefined): void;
  /** Called once when an identified session ends, for any reason. */
  onClose(closed: SocketClosed): void;
}

interface Pending {
  resolve(response: RequestResponse): void;
  reject(error: DriverError): void;
}

type Stage = 'hello' | 'identify' | 'open' | 'ended';

/** One obs-websocket v5 session over the JSON subprotocol: handshake, requests by id, pushed events. */
export class ObsSocket {
  readonly #ws: WebSocket;
  readonly #options: ObsSocketOptions;
  readonly #pending = new Map<string, Pending>();
  #stage: Stage = 'hello';
  #handshake: { resolve(): void; reject(error: DriverError): void } | undefined;

  private constructor(options: ObsSocketOptions) {
    this.#options = options;
    this.#ws = new WebSocket(options.url, JSON_SUBPROTOCOL, { perMessageDeflate: false });
    this.#ws.on('message', (data) => this.#onMessage(data.toString()));
    this.#ws.on('close', (code, reason) => this.#end(code, closeError(code, reason.toString())));
    this.#ws.on('error', (error) => this.#end(1006, classifyNetworkError(error, options.url)));
  }

  /** Connects, answers Hello with Identify (SHA-256 challenge when asked) and waits for Identified. */
  static open(options: ObsSocketOptions): Promise<ObsSocket> {
    const socket = new ObsSocket(options);
    return new Promise<ObsSocket>((resolve, reject) => {
      const onAbort = () =>
        socket.#end(
          1000,
          new DriverError('EM_DRIVER_TIMEOUT', `${options.url}: no Identified from OBS in time`),
        );
      socket.#handshake = {
        resolve: () => (options.signal.removeEventListener('abort', onAbort), resolve(socket)),
        reject: (error) => (options.signal.removeEventListener('abort', onAbort), reject(error)),
      };
      if (options.signal.aborted) onAbort();
      else options.signal.addEventListener('abort', onAbort, { once: true });
    });
  }

  get isOpen(): boolean {
    return this.#stage === 'open' && this.#ws.readyState === WebSocket.OPEN;
  }

  /** Sends a request and resolves with its RequestResponse, whatever its status code. */
  request(requestType: string, signal: AbortSignal, requestData: Record<string, unknown> = {}) {
    return new Promise<RequestResponse>((resolve, reject) => {
      if (!this.isOpen) return reject(new ConnectionLost(`${requestType}: the OBS session is closed`));
      if (signal.aborted) return reject(timeout(requestType));
      const requestId = randomUUID();
      const onAbort = () => (this.#pending.delete(requestId), reject(timeout(requestType)));
      signal.addEventListener('abort', onAbort, { once: true });
      const done = () => (signal.removeEventListener('abort', onAbort), this.#pending.delete(requestId));
      this.#pending.set(requestId, {
        resolve: (response) => (done(), resolve(response)),
        reject: (error) => (done(), reject(error)),
      });
      this.#ws.send(JSON.stringify({ op: OpCode.Request, d: { requestType, requestId, requestData } }));
    });
  }

  /** Ends the session from our side (normal closure). */
  close(): void {
    this.#end(1000, new ConnectionLost('the driver closed the OBS session'));
  }

  #onMessage(text: string): void {
    let message: ServerMessage;
    try {
      message = decodeServerMessage(text);
    } catch (error) {
      // A reply that cannot be matched to its request puts the session out of step: fail and reconnect.
      return this.#end(1002, error as DriverError);
    }
    if (this.#stage === 'open') return this.#dispatch(message);
    try {
      this.#advanceHandshake(message);
    } catch (error) {
      this.#end(1002, error as DriverError);
    }
  }

  #advanceHandshake(message: ServerMessage): void {
    if (this.#stage === 'hello' && message.op === OpCode.Hello) {
      const d = identifyData(message.d.authentication, this.#options.password);
      this.#ws.send(JSON.stringify({ op: OpCode.Identify, d }));
      this.#stage = 'identify';
    } else if (this.#stage === 'identify' && message.op === OpCode.Identified) {
      this.#stage = 'open';
      this.#handshake?.resolve();
    } else {
      throw new DriverError('EM_DRIVER_PROTOCOL', `obs-websocket sent op ${message.op} during the handshake`);
    }
  }

  #dispatch(message: ServerMessage): void {
    if (message.op === OpCode.RequestResponse) this.#pending.get(message.d.requestId)?.resolve(message.d);
    else if (message.op === OpCode.Event) this.#options.onEvent(message.d.eventType, message.d.eventData);
  }

  #end(code: number, error: DriverError): void {
    if (this.#stage === 'ended') return;
    const wasOpen = this.#stage === 'open';
    this.#stage = 'ended';
    const lost =
      error instanceof ConnectionLost || code === 1002 ? error : new ConnectionLost(error.message, error);
    for (const pending of this.#pending.values()) pending.reject(lost);
    if (this.#ws.readyState === WebSocket.OPEN) this.#ws.close(code === 1002 ? 1002 : 1000);
    else this.#ws.terminate();
    if (wasOpen) this.#options.onClose({ code, error });
    else this.#handshake?.reject(error);
  }
}

function timeout(requestType: string): DriverError {
  return new DriverError('EM_DRIVER_TIMEOUT', `${requestType}: OBS did not answer in time`);
}
