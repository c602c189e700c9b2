// The wire side of createDeviceHttp: one HTTP exchange on undici's dispatch API over kept-alive
// connections (device-connections.ts). Global fetch spent ~0.5 ms of CPU per request on WHATWG
// Request/Response/Headers objects and web streams; polling thousands of encoders a second on one core
// cannot afford that (issue 4), so replies are read from undici's parser callbacks and a `Headers` is
// only built when a caller looks at it.
import type { IncomingHttpHeaders } from 'node:http';
import type { Dispatcher } from 'undici';
import { connectionTo, type DeviceConnection } from './device-connections.js';
import { DriverError, classifyNetworkError } from './driver-errors.js';

/** One request as sent: absolute URL parts, final headers, deadline and optional caller signal. */
export interface WireRequest {
  readonly baseUrl: string;
  readonly path: string;
  readonly method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  readonly headers: Record<string, string>;
  readonly body: string | undefined;
  readonly signal: AbortSignal | undefined;
  readonly timeoutMs: number;
  readonly maxReplyBytes: number;
}

/** What came back; `headers` is undici's record, turned into `Headers` by {@link headersFrom} when read. */
export interface WireReply {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly text: string;
}

/** Sends one request and reads the whole reply, capped; every failure is a {@link DriverError}. */
export function sendOnWire(request: WireRequest): Promise<WireReply> {
  return new Promise((resolve, reject) => {
    try {
      const url = new URL(request.path, request.baseUrl);
      const options = {
        path: `${url.pathname}${url.search}`,
        method: request.method,
        headers: request.headers,
        body: request.body ?? null,
      };
      const connection = connectionTo(url.origin);
      connection.inFlight += 1;
      connection.client.dispatch(options, new Exchange(request, resolve, reject, connection));
    } catch (error) {
      reject(classifyNetworkError(error, request.baseUrl));
    }
  });
}

/**
 * One request/reply on undici's dispatch API, reading the body straight from the parser callbacks.
 * undici's `request()` wraps each reply in an AsyncResource and a Readable stream, and a per-request
 * AbortSignal costs more than the rest of the exchange; measured on this path (issue 4) those were
 * most of the client's CPU. The deadline is a plain timer, the caller's signal one listener, and both
 * settle the promise at once, even while the request still waits for a connection.
 */
class Exchange implements Dispatcher.DispatchHandler {
  #controller: Dispatcher.DispatchController | undefined;
  #abortReason: Error | undefined;
  #settled = false;
  #released = false;
  #status = 0;
  #headers: IncomingHttpHeaders = {};
  readonly #chunks: Buffer[] = [];
  #size = 0;
  readonly #timer: NodeJS.Timeout;

  constructor(
    private readonly request: WireRequest,
    private readonly resolve: (reply: WireReply) => void,
    private readonly reject: (error: DriverError) => void,
    /** The connection carrying the request, freed once undici has finished with it. */
    private readonly connection: DeviceConnection,
  ) {
    this.#timer = setTimeout(
      () => this.#abort(new DOMException(`no reply within ${request.timeoutMs} ms`, 'TimeoutError')),
      request.timeoutMs,
    );
    // As AbortSignal.timeout's timer was: a pending deadline alone does not keep the process alive.
    this.#timer.unref();
    // The exchange itself is the listener (handleEvent): no closure per request.
    if (request.signal?.aborted) this.#abort(abortReasonOf(request.signal));
    else request.signal?.addEventListener('abort', this, { once: true });
  }

  /** The caller's signal aborted. */
  handleEvent(): void {
    this.#abort(abortReasonOf(this.request.signal));
  }

  onRequestStart(controller: Dispatcher.DispatchController): void {
    this.#controller = controller;
    if (this.#abortReason) controller.abort(this.#abortReason);
  }

  onResponseStart(
    controller: Dispatcher.DispatchController,
    statusCode: number,
    headers: IncomingHttpHeaders,
  ): void {
    this.#status = statusCode;
    this.#headers = headers;
    const declared = Number(headers['content-length'] ?? NaN);
    // Aborting drops the connection at once; waiting for a server that never finishes is no option.
    if (declared > this.request.maxReplyBytes) this.#refuse(controller, `${declared} bytes declared`);
  }

  onResponseData(controller: Dispatcher.DispatchController, chunk: Buffer): void {
    if (this.#settled) return;
    this.#size += chunk.byteLength;
    if (this.#size > this.request.maxReplyBytes)
      this.#refuse(controller, `more than ${this.request.maxReplyBytes} bytes sent`);
    else this.#chunks.push(chunk);
  }

  onResponseEnd(): void {
    this.#release();
    if (!this.#finish()) return;
    const text = Buffer.concat(this.#chunks, this.#size).toString('utf8');
    this.resolve({ status: this.#status, headers: this.#headers, text });
  }

  onResponseError(_controller: Dispatcher.DispatchController | undefined, error: Error): void {
    this.#release();
    if (this.#finish()) this.reject(classifyNetworkError(error, this.request.baseUrl));
  }

  /** Deadline or caller abort: fail now, and stop the request if undici has started it. */
  #abort(reason: Error): void {
    this.#abortReason = reason;
    this.#controller?.abort(reason);
    if (this.#finish()) this.reject(classifyNetworkError(reason, this.request.baseUrl, ABORTED));
  }

  #refuse(controller: Dispatcher.DispatchController, what: string): void {
    const error = tooLarge(this.request.baseUrl, what, this.request.maxReplyBytes);
    if (this.#finish()) this.reject(error);
    controller.abort(error);
  }

  /** undici has ended the request: its connection can take another (once, whichever callback came). */
  #release(): void {
    if (this.#released) return;
    this.#released = true;
    this.connection.inFlight -= 1;
  }

  /** Marks the exchange settled and releases timer and listener; false if it already was. */
  #finish(): boolean {
    if (this.#settled) return false;
    this.#settled = true;
    clearTimeout(this.#timer);
    this.request.signal?.removeEventListener('abort', this);
    return true;
  }
}

/** Tells classifyNetworkError that the exchange was aborted (deadline or caller), i.e. a timeout. */
const ABORTED = AbortSignal.abort();

function abortReasonOf(signal: AbortSignal | undefined): Error {
  const reason: unknown = signal?.reason;
  return reason instanceof Error ? reason : new DOMException('the caller aborted the request', 'AbortError');
}

function tooLarge(device: string, what: string, max: number): DriverError {
  return new DriverError(
    'EM_DRIVER_PROTOCOL',
    `${device} sent an oversized reply (${what}; limit ${max} bytes)`,
    {
      hint: 'Check that the configured port is the encoder control API, not a file or web server.',
    },
  );
}

/**
 * undici's header record as a `Headers`. Repeated headers (`set-cookie`) arrive as arrays and are
 * appended one by one, so `getSetCookie()` sees each.
 */
export function headersFrom(raw: IncomingHttpHeaders): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(raw)) {
    if (Array.isArray(value)) for (const item of value) headers.append(name, item);
    else if (value !== undefined) headers.append(name, value);
  }
  return headers;
}
