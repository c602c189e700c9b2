import { EmError } from '@encoder-manager/sdk';

/** An `EM_SCRAPE_FETCH` error; `retryable` says whether another attempt may help. */
export function fetchError(
  message: string,
  options: { httpStatus?: number; retryable: boolean; cause?: unknown; hint?: string },
): EmError {
  return new EmError('EM_SCRAPE_FETCH', message, {
    cause: options.cause,
    hint: options.hint ?? 'Check the URL in a browser; the next scheduled scrape tries again.',
    details: {
      retryable: options.retryable,
      ...(options.httpStatus ? { httpStatus: options.httpStatus } : {}),
    },
  });
}

/** True for timeouts, network errors and HTTP 5xx/429, as marked by {@link fetchError}. */
export function isRetryable(error: unknown): boolean {
  return error instanceof EmError && error.details?.retryable === true;
}

/** The HTTP status carried by a fetch error, if the server answered. */
export function httpStatusOf(error: unknown): number | undefined {
  const status = error instanceof EmError ? error.details?.httpStatus : undefined;
  return typeof status === 'number' ? status : undefined;
}
