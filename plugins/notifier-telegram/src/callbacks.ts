import type { Api, CallbackQuery } from 'node-telegram-bot-api';
import {
  errorMessageOf,
  type Logger,
  type NotificationActionResult,
  type NotificationActions,
  type NotificationActor,
} from '@encoder-manager/sdk';
import type { CallbackCodec, ButtonPress } from './keyboard.js';

/** What answering a button press needs. */
export interface CallbackDeps {
  readonly api: Api;
  readonly codec: CallbackCodec;
  readonly log: Logger;
  readonly silenceMs: number;
  /** Who may press; undefined lets anyone in a chat that got the alert. */
  readonly allowedUserIds?: ReadonlySet<string>;
  /** Looked up per press: the providing plugin may start after this one. */
  actions(): NotificationActions | undefined;
}

function actorOf(query: CallbackQuery): NotificationActor {
  const { from } = query;
  const name = from.username
    ? `@${from.username}`
    : [from.first_name, from.last_name].filter(Boolean).join(' ');
  return { channel: 'telegram', id: String(from.id), ...(name ? { displayName: name } : {}) };
}

async function perform(
  deps: CallbackDeps,
  press: ButtonPress,
  query: CallbackQuery,
): Promise<NotificationActionResult> {
  const actor = actorOf(query);
  if (deps.allowedUserIds && !deps.allowedUserIds.has(actor.id)) {
    return { ok: false, message: 'You are not allowed to act on alerts from Telegram.' };
  }
  const actions = deps.actions();
  if (!actions)
    return {
      ok: false,
      message: 'Alert actions are not available right now (notifications plugin not running).',
    };
  try {
    return press.action === 'acknowledge'
      ? await actions.acknowledge(press.fingerprint, actor)
      : await actions.silence(press.fingerprint, deps.silenceMs, actor);
  } catch (error) {
    deps.log.error({ err: errorMessageOf(error), fingerprint: press.fingerprint }, 'alert action failed');
    return { ok: false, message: 'The action failed; see the agent log.' };
  }
}

/** Performs the press behind one callback query and answers it, so the button stops spinning. */
export async function handleCallback(
  deps: CallbackDeps,
  query: CallbackQuery,
  signal: AbortSignal,
): Promise<void> {
  const press = deps.codec.decode(query.data);
  const result = press
    ? await perform(deps, press, query)
    : { ok: false, message: 'This button has expired.' };
  deps.log.info(
    { action: press?.action, fingerprint: press?.fingerprint, by: query.from.id, ok: result.ok },
    'Telegram button pressed',
  );
  await deps.api.answerCallbackQuery(
    { callback_query_id: query.id, text: result.message.slice(0, 200), show_alert: !result.ok },
    signal,
  );
}
