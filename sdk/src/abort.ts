/**
 * Settles with `work`, or rejects as soon as `signal` aborts — with `reasonOf(signal.reason)`, by default
 * the reason itself — without waiting for `work`. For callers that must answer by a deadline even when
 * the work underneath cannot be cancelled. The abort listener is an object, not a closure: this runs on
 * every poll, and under tsx each named closure costs a defineProperty.
 */
export function raceAbort<T>(
  work: Promise<T>,
  signal: AbortSignal,
  reasonOf: (reason: unknown) => unknown = (reason) => reason,
): Promise<T> {
  if (signal.aborted) return Promise.reject(reasonOf(signal.reason));
  return new Promise<T>((resolve, reject) => {
    const listener = {
      handleEvent() {
        reject(reasonOf(signal.reason));
      },
    };
    signal.addEventListener('abort', listener, { once: true });
    work.then(
      (value) => {
        signal.removeEventListener('abort', listener);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', listener);
        reject(error);
      },
    );
  });
}
