import {
  PluginError,
  type Clock,
  type ErrorCode,
  type PluginHook,
  type PluginInstance,
} from '@encoder-manager/sdk';

/** Runs a plugin hook with a deadline; the error names the plugin, the hook and the cause. */
export async function runHook<T>(
  plugin: string,
  hook: PluginHook,
  timeoutMs: number,
  clock: Clock,
  work: () => T | Promise<T>,
  onLateResult: (value: T) => void = () => {},
): Promise<T> {
  const failCode: ErrorCode = hook === 'stop' ? 'EM_PLUGIN_STOP_FAILED' : 'EM_PLUGIN_SETUP_FAILED';
  let timedOut = false;
  let cancel = () => {};
  const deadline = new Promise<never>((_, reject) => {
    cancel = clock.setTimer(() => {
      timedOut = true;
      const code: ErrorCode = hook === 'stop' ? 'EM_PLUGIN_STOP_FAILED' : 'EM_PLUGIN_SETUP_TIMEOUT';
      reject(
        new PluginError(code, plugin, hook, `did not finish within ${timeoutMs} ms`, {
          hint: `Look for a hung connection in ${hook}(), or raise plugins.${plugin}.${hook === 'stop' ? 'stopTimeoutMs' : 'setupTimeoutMs'}.`,
        }),
      );
    }, timeoutMs);
  });
  const attempt = Promise.resolve().then(work);
  // A hook that finishes after its deadline still gets cleaned up by the caller.
  attempt.then(
    (value) => timedOut && onLateResult(value),
    () => {},
  );
  try {
    return await Promise.race([attempt, deadline]);
  } catch (error) {
    if (error instanceof PluginError && error.plugin === plugin) throw error;
    throw new PluginError(failCode, plugin, hook, describe(error), { cause: error });
  } finally {
    cancel();
  }
}

/** Stops an instance that was set up too late to be used. */
export function stopQuietly(instance: void | PluginInstance): void {
  if (instance && typeof instance.stop === 'function') {
    Promise.resolve()
      .then(() => instance.stop?.())
      .catch(() => {});
  }
}

/** Capped exponential backoff: initial, 2×, 4× … up to the cap. */
export function backoffDelay(attempt: number, initialMs: number, maxMs: number): number {
  return Math.min(maxMs, initialMs * 2 ** Math.max(0, attempt - 1));
}

function describe(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}
