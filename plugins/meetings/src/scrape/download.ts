import { errorMessageOf, type Clock } from '@encoder-manager/sdk';
import { httpStatusOf, isRetryable } from '../fetch/errors.js';
import { fetchDocument, type DocumentRequest, type FetchedDocument } from '../fetch/http.js';
import { withRetries, type RetryOptions } from '../fetch/retry.js';
import type { SourceCache, SourceEntry } from '../model.js';
import type { ScrapeSettings } from '../settings.js';
import type { ScrapeDeps } from './deps.js';

/** What a run records about the HTTP side, filled in as the download goes. */
export interface Progress {
  attempts: number;
  httpStatus?: number;
}

/**
 * GETs one document of a source with retries (exponential backoff with jitter, on the plugin clock) for
 * timeouts, network errors and HTTP 5xx/429, sending the given validators as conditional headers.
 * `progress.attempts` counts every HTTP attempt of the run, across pages.
 */
export async function download(
  request: { readonly source: SourceEntry; readonly url: string; readonly validators?: SourceCache },
  deps: ScrapeDeps,
  signal: AbortSignal,
  progress: Progress,
): Promise<FetchedDocument> {
  const { settings, clock } = deps;
  const name = request.source.name;
  const before = progress.attempts;
  try {
    const document = await withRetries(
      (n) => {
        progress.attempts = before + n;
        return fetchDocument(documentRequest(request, settings, clock, signal));
      },
      retryOptions(deps, name, signal),
    );
    progress.httpStatus = document.status;
    return document;
  } catch (error) {
    progress.httpStatus = httpStatusOf(error);
    throw error;
  }
}

function retryOptions(deps: ScrapeDeps, source: string, signal: AbortSignal): RetryOptions {
  const { settings } = deps;
  return {
    policy: { retries: settings.retries, baseMs: settings.retryBaseMs, maxMs: settings.retryMaxMs },
    clock: deps.clock,
    signal,
    random: deps.random,
    retryable: isRetryable,
    onRetry: (error, retry, delayMs) =>
      deps.log.debug({ source, retry, delayMs }, `retrying: ${errorMessageOf(error)}`),
  };
}

function documentRequest(
  request: { readonly source: SourceEntry; readonly url: string; readonly validators?: SourceCache },
  settings: ScrapeSettings,
  clock: Clock,
  signal: AbortSignal,
): DocumentRequest {
  const { etag, lastModified } = request.validators ?? {};
  return {
    source: request.source.name,
    url: request.url,
    ...(etag ? { etag } : {}),
    ...(lastModified ? { lastModified } : {}),
    timeoutMs: settings.timeoutMs,
    maxBytes: settings.maxBytes,
    userAgent: settings.userAgent,
    clock,
    signal,
  };
}
