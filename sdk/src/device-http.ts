import { DriverError } from './driver-errors.js';
import type { IncomingHttpHeaders } from 'node:http';
import { headersFrom, sendOnWire } from './device-http-wire.js';

/** A reply from a device, body read as text. */
export interface DeviceReply {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
}

/** Request options for one call. */
export interface DeviceRequest {
  readonly method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Path and query, appended to the base URL. */
  readonly path: string;
  readonly body?: string;
  readonly contentType?: string;
  readonly signal?: AbortSignal;
}

/**
 * How a device authenticates. `session`: a login that yields a cookie/token header, repeated once when
 * `isExpired` says a reply means the session ran out (AJA's login page, a 401 on Makito …).
 */
export type DeviceAuth =
  | { readonly type: 'none' }
  | { readonly type: 'basic'; readonly username: string; readonly password: string }
  | { readonly type: 'bearer'; readonly token: string }
  | {
      readonly type: 'session';
      login(http: DeviceHttp, signal?: AbortSignal): Promise<Record<string, string>>;
      isExpired(reply: DeviceReply): boolean;
    };

/** Settings for {@link createDeviceHttp}. */
export interface DeviceHttpOptions {
  /** `http://10.0.0.20` or `http://127.0.0.1:8080` (simulators). */
  readonly baseUrl: string;
  readonly auth?: DeviceAuth;
  /** Per-request deadline; default 5000 ms. */
  readonly timeoutMs?: number;
  /** Largest reply body accepted; default 1 MiB. A bigger one is a protocol error, never buffered whole. */
  readonly maxReplyBytes?: number;
}

/** HTTP to one device: deadlines, auth, and failures mapped to {@link DriverError} codes. */
export interface DeviceHttp {
  /** Sends a request; a 401/403 after (re-)authentication throws EM_DRIVER_AUTH. Other statuses are returned. */
  request(request: DeviceRequest): Promise<DeviceReply>;
  /** As `request`, without auth and without session handling (for login calls). */
  raw(request: DeviceRequest & { headers?: Record<string, string> }): Promise<DeviceReply>;
  /** Forgets the session so the next request logs in again. */
  resetSession(): void;
}

/**
 * A reply whose `Headers` are built on first read (most callers only read `text`). A class with a
 * prototype getter, not an object literal with `get headers()`: a literal's getter gives every reply its
 * own hidden class, allocated in old space (the API plugin measured young-generation GC about five times
 * slower under load with that pattern).
 */
class LazyHeadersReply implements DeviceReply {
  readonly #raw: IncomingHttpHeaders;
  #headers: Headers | undefined;

  constructor(
    readonly status: number,
    readonly text: string,
    raw: IncomingHttpHeaders,
  ) {
    this.#raw = raw;
  }

  get headers(): Headers {
    return (this.#headers ??= headersFrom(this.#raw));
  }
}

/** Creates the HTTP client a driver uses for one device. */
export function createDeviceHttp(options: DeviceHttpOptions): DeviceHttp {
  const auth = options.auth ?? { type: 'none' };
  const timeoutMs = options.timeoutMs ?? 5000;
  // Computed once, not per poll: Basic credentials do not change for the life of the client.
  const fixedHeaders = staticHeaders(auth);
  let session: Record<string, string> | undefined;

  const raw: DeviceHttp['raw'] = async (request) => {
    const headers: Record<string, string> = { ...request.headers };
    if (request.contentType) headers['content-type'] = request.contentType;
    const reply = await sendOnWire({
      baseUrl: options.baseUrl,
      path: request.path,
      method: request.method ?? 'GET',
      headers,
      body: request.body,
      signal: request.signal,
      timeoutMs,
      maxReplyBytes: options.maxReplyBytes ?? DEFAULT_MAX_REPLY_BYTES,
    });
    return new LazyHeadersReply(reply.status, reply.text, reply.headers);
  };

  const http: DeviceHttp = {
    raw,
    resetSession: () => void (session = undefined),
    async request(request) {
      if (auth.type !== 'session') return refuseAuthFailure(await raw({ ...request, headers: fixedHeaders }));
      session ??= await auth.login(http, request.signal);
      const first = await raw({ ...request, headers: session });
      if (!auth.isExpired(first) && first.status !== 401) return refuseAuthFailure(first);
      session = await auth.login(http, request.signal);
      return refuseAuthFailure(await raw({ ...request, headers: session }));
    },
  };
  return http;
}

const DEFAULT_MAX_REPLY_BYTES = 1024 * 1024;

function staticHeaders(auth: DeviceAuth): Record<string, string> {
  if (auth.type === 'basic') {
    return { authorization: `Basic ${Buffer.from(`${auth.username}:${auth.password}`).toString('base64')}` };
  }
  if (auth.type === 'bearer') return { authorization: `Bearer ${auth.token}` };
  return {};
}

function refuseAuthFailure(reply: DeviceReply): DeviceReply {
  if (reply.status === 401 || reply.status === 403) {
    throw new DriverError('EM_DRIVER_AUTH', `the device refused the credentials (HTTP ${reply.status})`, {
      raw: reply.text,
      hint: 'Check the user name and password in the driver config.',
    });
  }
  return reply;
}
