import { TelegramApiError, type Api, type Update } from 'node-telegram-bot-api';
import { errorMessageOf, type Clock, type Logger } from '@encoder-manager/sdk';

/** What the long-poll loop needs. */
export interface PollingDeps {
  readonly api: Api;
  readonly clock: Clock;
  readonly log: Logger;
  readonly timeoutSec: number;
  onUpdate(update: Update, signal: AbortSignal): Promise<void>;
}

/** A running getUpdates loop. */
export interface Polling {
  stop(): Promise<void>;
}

const MAX_BACKOFF_MS = 60_000;

/** How long to wait after a failed getUpdates: 409 (another poller or a webhook) and bad tokens wait long. */
function backoffFor(error: unknown, failures: number): number {
  if (error instanceof TelegramApiError && [401, 404, 409].includes(error.errorCode)) return MAX_BACKOFF_MS;
  return Math.min(MAX_BACKOFF_MS, 1000 * 2 ** Math.min(failures, 6));
}

function hintFor(error: unknown): string | undefined {
  if (!(error instanceof TelegramApiError)) return undefined;
  if (error.errorCode === 409)
    return 'another program polls this bot, or a webhook is set (deleteWebhook first)';
  if (error.errorCode === 401 || error.errorCode === 404) return 'Telegram rejected the bot token';
  return undefined;
}

/**
 * One getUpdates call and its updates, handled in order. Returns the next offset: everything before it
 * is confirmed to Telegram by the following call. A handler error is logged and the update skipped.
 */
async function pollOnce(
  deps: PollingDeps,
  offset: number | undefined,
  signal: AbortSignal,
): Promise<number | undefined> {
  const params = { timeout: deps.timeoutSec, allowed_updates: ['callback_query'] };
  const updates = await deps.api.getUpdates(offset === undefined ? params : { ...params, offset }, signal);
  let next = offset;
  for (const update of updates) {
    next = update.update_id + 1;
    await deps.onUpdate(update, signal).catch((error: unknown) => {
      if (signal.aborted) return;
      deps.log.warn({ err: errorMessageOf(error), update: update.update_id }, 'Telegram update not handled');
    });
  }
  return next;
}

/**
 * Long-polls `getUpdates` for button presses: each call waits up to `timeoutSec` on Telegram's side and
 * confirms everything before `offset`. Errors back off exponentially (through the agent clock) and never
 * end the loop; `stop()` aborts the call in progress and waits for the loop to finish.
 */
export function startPolling(deps: PollingDeps): Polling {
  const controller = new AbortController();
  const { signal } = controller;
  const loop = async (): Promise<void> => {
    let offset: number | undefined;
    let failures = 0;
    while (!signal.aborted) {
      try {
        offset = await pollOnce(deps, offset, signal);
        failures = 0;
      } catch (error) {
        if (signal.aborted) return;
        failures += 1;
        deps.log.warn(
          { err: errorMessageOf(error), hint: hintFor(error), failures },
          'Telegram getUpdates failed',
        );
        await deps.clock.sleep(backoffFor(error, failures), signal).catch(() => undefined);
      }
    }
  };
  const running = loop();
  return {
    async stop() {
      controller.abort(new Error('notifier-telegram stopped'));
      await running;
    },
  };
}
