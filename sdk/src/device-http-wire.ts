// The wire side of createDeviceHttp: one HTTP exchange over undici's `request` API on a shared keep-alive
// agent. Global fetch spent ~0.5 ms of CPU per request on WHATWG Request/Response/Headers objects and web
// streams; polling thousands of encoders a second on one core cannot afford that (issue 4), so replies
// are read from undici's Node stream and a `Headers` is only built when a caller looks at it.
import type { IncomingHttpHeaders } from 'node:http';
import { Agent } from 'undici';
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

/** What came back; `headers` is the raw record, turned into `Headers` by {@link lazyHeaders}. */
export interface WireReply {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly text: string;
}

/**
 * One agent for every device (a pool per origin inside), as global fetch had: sockets are kept alive
 * between polls and are unref'd while idle, so they never hold the process open. Redirects are not
 * followed (no redirect interceptor), as with `redirect: 'manual'` before.
 */
const agent = new Agent();

/** Sends one request and reads the whole reply, capped; every failure is a {@link DriverError}. */
export async function sendOnWire(request: WireRequest): Promise<WireReply> {
  const deadline = deadlineFor(request.timeoutMs, request.signal);
  const url = new URL(request.path, request.baseUrl);
  try {
    const response = await agent.request({
      origin: url.origin,
      path: `${url.pathname}${url.search}`,
      method: request.method,
      headers: request.headers,
      body: request.body ?? null,
      signal: deadline.signal,
    });
    const text = await readCapped(response, request.maxReplyBytes, request.baseUrl);
    return { status: response.statusCode, headers: response.headers, text };
  } catch (error) {
    throw classifyNetworkError(error, request.baseUrl, deadline.signal);
  } finally {
    deadline.release();
  }
}

/**
 * One signal that aborts at the deadline or when the caller's signal does. A plain timer and listener:
 * AbortSignal.timeout + AbortSignal.any cost more per request and keep the signals alive until GC.
 */
function deadlineFor(
  timeoutMs: number,
  outer: AbortSignal | undefined,
): { signal: AbortSignal; release(): void } {
  const controller = new AbortController();
  const timer = setTimeout(
    () => controller.abort(new DOMException(`no reply within ${timeoutMs} ms`, 'TimeoutError')),
    timeoutMs,
  );
  const onOuterAbort = () => controller.abort(outer?.reason);
  if (outer?.aborted) onOuterAbort();
  else outer?.addEventListener('abort', onOuterAbort, { once: true });
  return {
    signal: controller.signal,
    release() {
      clearTimeout(timer);
      outer?.removeEventListener('abort', onOuterAbort);
    },
  };
}

type Body = Awaited<ReturnType<Agent['request']>>['body'];

/** Reads a body up to `max` bytes; a device that sends more (a misrouted download, a runaway log) is cut off. */
function readCapped(
  response: { headers: IncomingHttpHeaders; body: Body },
  max: number,
  device: string,
): Promise<string> {
  const { body } = response;
  const declared = Number(response.headers['content-length'] ?? NaN);
  if (declared > max) {
    // Destroying drops the connection at once; waiting for a server that never finishes is no option.
    body.destroy();
    return Promise.reject(tooLarge(device, `${declared} bytes declared`, max));
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    body.on('data', (chunk: Buffer) => {
      size += chunk.byteLength;
      if (size > max) {
        body.destroy();
        reject(tooLarge(device, `more than ${max} bytes sent`, max));
      } else chunks.push(chunk);
    });
    body.once('error', reject);
    body.once('end', () => resolve(Buffer.concat(chunks, size).toString('utf8')));
  });
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
 * A `Headers` built from the raw record on first use and then kept: most callers only read `text`, and
 * building one per reply would give back part of what leaving fetch saved. Repeated headers
 * (`set-cookie`) arrive as arrays and are appended one by one, so `getSetCookie()` sees each.
 */
export function lazyHeaders(raw: IncomingHttpHeaders): () => Headers {
  let headers: Headers | undefined;
  return () => {
    if (headers) return headers;
    headers = new Headers();
    for (const [name, value] of Object.entries(raw)) {
      if (Array.isArray(value)) for (const item of value) headers.append(name, item);
      else if (value !== undefined) headers.append(name, value);
    }
    return headers;
  };
}
