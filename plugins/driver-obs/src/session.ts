import { DriverError, type CancelTimer, type Clock, type Logger } from '@encoder-manager/sdk';
import { ObsSocket, type SocketClosed } from './socket.js';

/** Reconnect delays: the first retry after a drop is immediate, then 0.5 s doubling to a 30 s cap. */
export function backoffDelayMs(failures: number, baseMs = 500, capMs = 30_000): number {
  return failures <= 0 ? 0 : Math.min(capMs, baseMs * 2 ** (failures - 1));
}

/** Settings for {@link ObsSession}. */
export interface ObsSessionOptions {
  readonly url: string;
  readonly password?: string;
  readonly clock: Clock;
  readonly log: Logger;
  /** Deadline for connect + Hello + Identify (default 5 s). */
  readonly connectTimeoutMs?: number;
  onEvent(eventType: string, eventData: Record<string, unknown> | undefined): void;
  /** Called when a new session is identified (pushed state from before is stale). */
  onIdentified(): void;
}

/**
 * Keeps one identified obs-websocket session. Connects on first use; when the socket drops it reconnects in
 * the background with backoff (immediately first: a `4011 SessionInvalidated` or an OBS restart needs a fresh
 * Hello/Identify with a new challenge). While it backs off, callers get the last error at once.
 */
export class ObsSession {
  readonly #options: ObsSessionOptions;
  #socket: ObsSocket | undefined;
  #connecting: Promise<ObsSocket> | undefined;
  #lastError: DriverError | undefined;
  #failures = 0;
  #retryAt = 0;
  #retryTimer: CancelTimer | undefined;
  #closed = false;

  constructor(options: ObsSessionOptions) {
    this.#options = options;
  }

  /** The identified socket: the open one, the attempt in flight, or a new attempt once the backoff allows. */
  socket(signal: AbortSignal): Promise<ObsSocket> {
    if (this.#closed)
      return Promise.reject(new DriverError('EM_DRIVER_UNREACHABLE', 'the OBS driver is closed'));
    if (this.#socket?.isOpen) return Promise.resolve(this.#socket);
    if (!this.#connecting) {
      if (this.#lastError && this.#options.clock.now() < this.#retryAt)
        return Promise.reject(this.#lastError);
      this.#connect();
    }
    return raceAbort(this.#connecting!, signal);
  }

  /** Closes the session and stops reconnecting. */
  close(): void {
    this.#closed = true;
    this.#retryTimer?.();
    this.#socket?.close();
    this.#socket = undefined;
  }

  #connect(): void {
    this.#retryTimer?.();
    const signal = AbortSignal.timeout(this.#options.connectTimeoutMs ?? 5000);
    let socketRef: ObsSocket | undefined;
    const attempt = ObsSocket.open({
      url: this.#options.url,
      password: this.#options.password,
      signal,
      onEvent: (type, data) => this.#options.onEvent(type, data),
      onClose: (closed) => this.#onClose(socketRef, closed),
    });
    this.#connecting = attempt.then(
      (socket) => this.#identified((socketRef = socket)),
      (error: unknown) => this.#failed(error),
    );
    this.#connecting.catch(() => undefined).finally(() => (this.#connecting = undefined));
  }

  #identified(socket: ObsSocket): ObsSocket {
    if (this.#closed) {
      socket.close();
      throw new DriverError('EM_DRIVER_UNREACHABLE', 'the OBS driver is closed');
    }
    this.#socket = socket;
    this.#failures = 0;
    this.#lastError = undefined;
    this.#options.onIdentified();
    this.#options.log.debug({ url: this.#options.url }, 'obs-websocket session identified');
    return socket;
  }

  #failed(error: unknown): never {
    const failure =
      error instanceof DriverError ? error : new DriverError('EM_DRIVER_UNREACHABLE', String(error));
    this.#failures += 1;
    this.#scheduleRetry(failure);
    throw failure;
  }

  #onClose(socket: ObsSocket | undefined, closed: SocketClosed): void {
    if (socket !== undefined && socket !== this.#socket) return;
    this.#socket = undefined;
    this.#failures = 0;
    this.#options.log.debug({ code: closed.code, err: closed.error.message }, 'obs-websocket session closed');
    this.#scheduleRetry(closed.error);
  }

  #scheduleRetry(error: DriverError): void {
    this.#lastError = error;
    if (this.#closed) return;
    const delay = backoffDelayMs(this.#failures);
    this.#retryAt = this.#options.clock.now() + delay;
    this.#retryTimer?.();
    this.#retryTimer = this.#options.clock.setTimer(() => {
      if (!this.#closed && !this.#socket && !this.#connecting) this.#connect();
    }, delay);
  }
}

function raceAbort<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(abortError(signal));
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(abortError(signal));
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

function abortError(signal: AbortSignal): DriverError {
  return new DriverError('EM_DRIVER_TIMEOUT', 'OBS did not complete the connection in time', {
    cause: signal.reason,
  });
}
