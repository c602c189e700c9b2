import {
  classifyNetworkError,
  createDeviceHttp,
  DriverError,
  protocolError,
  raceAbort,
  type Clock,
  type DeviceReply,
  type Logger,
} from '@encoder-manager/sdk';

/** Where and how to reach one Monarch. */
export interface MonarchClientOptions {
  readonly baseUrl: string;
  /** `/Monarch/syncconnect/sdk.aspx`, or `/NVS/syncconnect/sdk.aspx` on an NVS-30. */
  readonly path: string;
  readonly username: string;
  readonly password: string;
  readonly timeoutMs: number;
  readonly clock: Clock;
  readonly log: Logger;
  /** How many times a command is sent while the device answers RETRY. */
  readonly attempts: number;
  /** Pause after the first RETRY; doubles after each further one. */
  readonly retryDelayMs: number;
}

/** Sends sdk.aspx commands to one Monarch, one at a time. */
export interface MonarchClient {
  /** The reply text, trimmed; never `RETRY` (retried, then EM_DRIVER_TIMEOUT when it persists). */
  send(command: string, signal: AbortSignal): Promise<string>;
}

/**
 * The Monarch executes one command at a time and answers RETRY to any that arrives meanwhile
 * (encoders.md §3.2), so every command of this agent — GetStatus included — goes through one queue,
 * and a RETRY caused by another controller is retried after a short, doubling pause.
 */
export function createMonarchClient(options: MonarchClientOptions): MonarchClient {
  const target = `Monarch at ${options.baseUrl}`;
  const http = createDeviceHttp({
    baseUrl: options.baseUrl,
    timeoutMs: options.timeoutMs,
    auth: { type: 'basic', username: options.username, password: options.password },
  });
  // One command at a time, in order: each send chains on the previous one (two promises per command;
  // p-limit took about six plus closures, on a path that runs thousands of times a second).
  let tail: Promise<unknown> = Promise.resolve();
  const sendOnce = async (command: string, signal: AbortSignal): Promise<string> => {
    const reply = await http.request({ path: `${options.path}?${new URLSearchParams({ command })}`, signal });
    checkStatus(reply, target, command);
    return reply.text.trim();
  };
  const sendWithRetry = async (command: string, signal: AbortSignal): Promise<string> => {
    for (let attempt = 1; ; attempt++) {
      if (signal.aborted) throw classifyNetworkError(signal.reason, target, signal);
      const text = await sendOnce(command, signal);
      if (text.replace(/\s+/g, '') !== 'RETRY') return text;
      if (attempt >= options.attempts) throw stillBusy(target, command, attempt);
      const pauseMs = options.retryDelayMs * 2 ** (attempt - 1);
      options.log.debug({ command, attempt, pauseMs }, 'Monarch busy (RETRY), trying again');
      await options.clock.sleep(pauseMs, signal).catch((error: unknown) => {
        throw classifyNetworkError(error, target, signal);
      });
    }
  };
  return {
    send(command, signal) {
      const sent = tail.then(() => sendWithRetry(command, signal));
      // The tail settles to nothing either way: it must not keep the last reply alive until the next poll.
      tail = sent.then(
        () => undefined,
        () => undefined,
      );
      return untilAborted(sent, signal, target);
    },
  };
}

function checkStatus(reply: DeviceReply, target: string, command: string): void {
  if (reply.status === 200) return;
  if (reply.status === 404) {
    throw new DriverError('EM_DRIVER_PROTOCOL', `${target} has no SDK page for ${command} (HTTP 404)`, {
      raw: reply.text,
      hint: 'Check `variant`: the NVS-30 answers under /NVS/, Monarch models under /Monarch/.',
    });
  }
  throw protocolError(`${target} answered HTTP ${reply.status} to ${command}`, reply.text);
}

function stillBusy(target: string, command: string, attempts: number): DriverError {
  return new DriverError(
    'EM_DRIVER_TIMEOUT',
    `${target} still answered RETRY to ${command} after ${attempts} attempts: it is busy with another controller's command`,
    {
      hint: 'Another controller (Companion, the web UI, a second agent) may be sending commands at the same time.',
    },
  );
}

// A caller whose deadline passes while its command waits in the queue gets its answer at once;
// the queued command then sees the aborted signal and is not sent.
function untilAborted<T>(work: Promise<T>, signal: AbortSignal, target: string): Promise<T> {
  return raceAbort(work, signal, (reason) => classifyNetworkError(reason, target, signal));
}
