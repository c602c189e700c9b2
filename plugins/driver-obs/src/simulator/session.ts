import { randomBytes } from 'node:crypto';
import type WebSocket from 'ws';
import { authenticationString, CloseCode, OpCode, RPC_VERSION } from '../protocol.js';
import type { ObsModel } from './model.js';
import { handleRequest } from './requests.js';

/** Server-wide auth settings; the salt changes when the server restarts or the password is re-saved. */
export interface ServerAuth {
  password: string | undefined;
  salt: string;
}

/** What the session needs from the server. */
export interface SessionContext {
  readonly model: ObsModel;
  readonly auth: ServerAuth;
  readonly slowMs: number;
}

const GARBLED = '{"op":7,"d":{"requestType":"GetStreamStatus","requestStatus":{"resu';

/** One client connection, following WebSocketServer_Protocol.cpp: Hello, Identify, then requests. */
export class SimSession {
  identified = false;
  eventSubscriptions = 0;
  readonly counters = { incoming: 0, outgoing: 0 };
  readonly #challenge = randomBytes(32).toString('base64');

  constructor(
    readonly ws: WebSocket,
    private readonly context: SessionContext,
  ) {
    ws.on('message', (data, isBinary) => this.#onMessage(data.toString(), isBinary));
    const hello: Record<string, unknown> = {
      obsStudioVersion: '30.2.2',
      obsWebSocketVersion: '5.5.2',
      rpcVersion: RPC_VERSION,
    };
    if (context.auth.password !== undefined)
      hello.authentication = { challenge: this.#challenge, salt: context.auth.salt };
    this.send({ op: OpCode.Hello, d: hello });
  }

  send(message: unknown): void {
    this.counters.outgoing += 1;
    this.ws.send(typeof message === 'string' ? message : JSON.stringify(message));
  }

  close(code: number, reason: string): void {
    this.ws.close(code, reason);
  }

  #onMessage(text: string, isBinary: boolean): void {
    this.counters.incoming += 1;
    if (isBinary)
      return this.close(
        CloseCode.MessageDecodeError,
        'Your session encoding is set to Json, but a binary message was received.',
      );
    let message: unknown;
    try {
      message = JSON.parse(text);
    } catch (error) {
      return this.close(CloseCode.MessageDecodeError, `Unable to decode Json: ${(error as Error).message}`);
    }
    if (typeof message !== 'object' || message === null || Array.isArray(message))
      return this.close(CloseCode.MessageDecodeError, 'You sent a non-object payload.');
    const { op, d } = message as { op?: unknown; d?: unknown };
    if (!this.identified && 'request-type' in message)
      return this.close(
        CloseCode.UnsupportedRpcVersion,
        'You appear to be attempting to connect with the pre-5.0.0 plugin protocol.',
      );
    if (typeof op !== 'number') return this.close(CloseCode.UnknownOpCode, 'Your `op` is not a number.');
    if (typeof d !== 'object' || d === null)
      return this.close(CloseCode.MissingDataField, 'Your payload is missing data (`d`).');
    if (!this.identified && op !== OpCode.Identify)
      return this.close(
        CloseCode.NotIdentified,
        'You attempted to send a non-Identify message while not identified.',
      );
    this.#dispatch(op, d as Record<string, unknown>);
  }

  #dispatch(op: number, d: Record<string, unknown>): void {
    if (op === OpCode.Identify) return this.#identify(d);
    if (op === OpCode.Reidentify) {
      if (this.#subscribe(d)) this.send({ op: OpCode.Identified, d: { negotiatedRpcVersion: RPC_VERSION } });
      return;
    }
    if (op === OpCode.Request) return this.#request(d);
    this.close(CloseCode.UnknownOpCode, `Unknown OpCode: ${op}`);
  }

  #identify(d: Record<string, unknown>): void {
    if (this.identified)
      return this.close(
        CloseCode.AlreadyIdentified,
        'You are already Identified with the obs-websocket server.',
      );
    const { password, salt } = this.context.auth;
    if (password !== undefined) {
      if (typeof d.authentication !== 'string')
        return this.close(
          CloseCode.AuthenticationFailed,
          "Your payload's data is missing an `authentication` string, however authentication is required.",
        );
      if (d.authentication !== authenticationString(password, salt, this.#challenge))
        return this.close(CloseCode.AuthenticationFailed, 'Authentication failed.');
    }
    if (d.rpcVersion === undefined)
      return this.close(CloseCode.MissingDataField, "Your payload's data is missing an `rpcVersion`.");
    if (d.rpcVersion !== RPC_VERSION)
      return this.close(
        CloseCode.UnsupportedRpcVersion,
        'Your requested RPC version is not supported by this server.',
      );
    if (!this.#subscribe(d)) return;
    this.identified = true;
    this.send({ op: OpCode.Identified, d: { negotiatedRpcVersion: RPC_VERSION } });
  }

  #subscribe(d: Record<string, unknown>): boolean {
    if (d.eventSubscriptions === undefined) this.eventSubscriptions = ALL_LOW_VOLUME;
    else if (typeof d.eventSubscriptions === 'number' && d.eventSubscriptions >= 0)
      this.eventSubscriptions = d.eventSubscriptions;
    else {
      this.close(CloseCode.InvalidDataFieldType, 'Your `eventSubscriptions` is not an unsigned number.');
      return false;
    }
    return true;
  }

  #request(d: Record<string, unknown>): void {
    if (typeof d.requestId !== 'string')
      return this.close(CloseCode.MissingDataField, 'Your payload data is missing a `requestId`.');
    const { model, slowMs } = this.context;
    if (model.has('garbled')) return this.send(GARBLED);
    const result = handleRequest(model, this.counters, d.requestType);
    const requestStatus = {
      result: result.code === 100,
      code: result.code,
      ...(result.comment ? { comment: result.comment } : {}),
    };
    const reply = {
      op: OpCode.RequestResponse,
      d: {
        requestType: d.requestType,
        requestId: d.requestId,
        requestStatus,
        ...(result.responseData ? { responseData: result.responseData } : {}),
      },
    };
    if (!model.has('slow')) return this.send(reply);
    const cancel = model.clock.setTimer(
      () => this.ws.readyState === this.ws.OPEN && this.send(reply),
      slowMs,
    );
    this.ws.once('close', cancel);
  }
}

/** `EventSubscription::All`: every non-high-volume category (bits 0–11). */
const ALL_LOW_VOLUME = (1 << 12) - 1;
