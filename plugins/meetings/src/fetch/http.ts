import { EmError, errorMessageOf, type Clock } from '@encoder-manager/sdk';
import { fetchError } from './errors.js';

/** One conditional GET of a source document. */
export interface DocumentRequest {
  readonly source: string;
  readonly url: string;
  readonly etag?: string;
  readonly lastModified?: string;
  readonly timeoutMs: number;
  readonly maxBytes: number;
  readonly userAgent: string;
  readonly clock: Clock;
  readonly signal: AbortSignal;
}

/** A fetched document, or a 304 that says the stored one is still current. */
export interface FetchedDocument {
  readonly status: number;
  readonly notModified: boolean;
  readonly body: Uint8Array;
  readonly contentType: string;
  readonly etag?: string;
  readonly lastModified?: string;
}

/**
 * GETs a document with Node's fetch, sending If-None-Match / If-Modified-Since when validators are
 * known. The timeout runs on the plugin clock and covers the whole reply, body included. Failures are
 * `EM_SCRAPE_FETCH` errors naming the source; timeouts, network errors and HTTP 5xx/429 are retryable.
 */
export async function fetchDocument(request: DocumentRequest): Promise<FetchedDocument> {
  const timeout = new AbortController();
  const cancelTimer = request.clock.setTimer(() => timeout.abort(), request.timeoutMs);
  try {
    const response = await fetch(request.url, {
      headers: requestHeaders(request),
      redirect: 'follow',
      signal: AbortSignal.any([request.signal, timeout.signal]),
    });
    return await readResponse(request, response);
  } catch (error) {
    if (request.signal.aborted) throw error;
    if (timeout.signal.aborted) {
      throw fetchError(
        `${request.source}: no complete reply from ${request.url} within ${request.timeoutMs / 1000} s`,
        {
          retryable: true,
        },
      );
    }
    if (error instanceof EmError) throw error;
    throw fetchError(`${request.source}: cannot reach ${request.url}: ${networkCause(error)}`, {
      retryable: true,
      cause: error,
    });
  } finally {
    cancelTimer();
  }
}

function requestHeaders(request: DocumentRequest): Record<string, string> {
  return {
    'user-agent': request.userAgent,
    accept: '*/*',
    ...(request.etag ? { 'if-none-match': request.etag } : {}),
    ...(request.lastModified ? { 'if-modified-since': request.lastModified } : {}),
  };
}

async function readResponse(request: DocumentRequest, response: Response): Promise<FetchedDocument> {
  const contentType = response.headers.get('content-type') ?? 'application/octet-stream';
  const validators = validatorsOf(response);
  if (response.status === 304) {
    await response.body?.cancel();
    return { status: 304, notModified: true, body: new Uint8Array(), contentType, ...validators };
  }
  if (!response.ok) {
    await response.body?.cancel();
    const retryable = response.status >= 500 || response.status === 429;
    const message = `${request.source}: HTTP ${response.status} ${response.statusText} from ${request.url}`;
    throw fetchError(message, { httpStatus: response.status, retryable });
  }
  const body = await readLimited(request, response);
  if (body.byteLength === 0) {
    const message = `${request.source}: empty reply (HTTP ${response.status}) from ${request.url}`;
    throw fetchError(message, { httpStatus: response.status, retryable: true });
  }
  return { status: response.status, notModified: false, body, contentType, ...validators };
}

function validatorsOf(response: Response): { etag?: string; lastModified?: string } {
  const etag = response.headers.get('etag');
  const lastModified = response.headers.get('last-modified');
  return { ...(etag ? { etag } : {}), ...(lastModified ? { lastModified } : {}) };
}

/** Reads the body, refusing documents over the size limit instead of filling memory. */
async function readLimited(request: DocumentRequest, response: Response): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  // Leaving the loop early cancels the stream.
  for await (const chunk of response.body ?? []) {
    size += chunk.byteLength;
    if (size > request.maxBytes) break;
    chunks.push(chunk);
  }
  if (size > request.maxBytes) {
    throw fetchError(`${request.source}: ${request.url} is larger than ${request.maxBytes} bytes`, {
      httpStatus: response.status,
      retryable: false,
      hint: 'Raise scrape.maxBytes if the document is really that large.',
    });
  }
  return Buffer.concat(chunks);
}

function networkCause(error: unknown): string {
  const cause = error instanceof Error ? error.cause : undefined;
  const code =
    typeof cause === 'object' && cause !== null && 'code' in cause ? String(cause.code) : undefined;
  return code ?? errorMessageOf(cause ?? error);
}
