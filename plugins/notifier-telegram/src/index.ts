import { Api, type InlineKeyboardMarkup, type Update } from 'node-telegram-bot-api';
import {
  definePlugin,
  notificationActionsRef,
  notifiersRef,
  type NotificationMessage,
  type PluginContext,
} from '@encoder-manager/sdk';
import { handleCallback } from './callbacks.js';
import { configSchema, DEFAULTS, type TelegramConfig } from './config.js';
import { alertKeyboard, CallbackCodec } from './keyboard.js';
import { DeliveryLedger } from './ledger.js';
import { FloodLimiter } from './limiter.js';
import { TelegramNotifier } from './notifier.js';
import { startPolling, type Polling } from './polling.js';

export { configSchema, DEFAULTS, type TelegramConfig } from './config.js';
export { escapeHtml, MAX_MESSAGE_LENGTH, renderChunks, type Chunk } from './format.js';
export { CallbackCodec, silenceLabel } from './keyboard.js';
export { classifyTelegramError, type SendFailure } from './classify.js';

/** Everything one plugin instance shares between sending and the button loop. */
function wire(ctx: PluginContext, config: TelegramConfig) {
  const actions = config.actions ?? {};
  const buttons = actions.enabled ?? DEFAULTS.actionsEnabled;
  const silenceSec = actions.silenceDurationSec ?? DEFAULTS.silenceDurationSec;
  // maxRetries 0: the library must not retry on its own; the outbox owns retries and their timing.
  const api = new Api(config.token, {
    apiRoot: config.apiRoot ?? DEFAULTS.apiRoot,
    timeoutMs: config.requestTimeoutMs ?? DEFAULTS.requestTimeoutMs,
    maxRetries: 0,
  });
  const codec = new CallbackCodec();
  const keyboardFor = (message: NotificationMessage): InlineKeyboardMarkup | undefined =>
    buttons && message.fingerprint && message.eventType !== 'alert.resolved'
      ? alertKeyboard(codec, message.fingerprint, silenceSec)
      : undefined;
  const limits = config.limits ?? {};
  const limiter = new FloodLimiter({
    perChatIntervalMs: limits.perChatIntervalMs ?? DEFAULTS.perChatIntervalMs,
    groupPerMinute: limits.groupPerMinute ?? DEFAULTS.groupPerMinute,
    globalPerSecond: limits.globalPerSecond ?? DEFAULTS.globalPerSecond,
  });
  const notifier = new TelegramNotifier({
    api,
    limiter,
    ledger: new DeliveryLedger(ctx.clock),
    log: ctx.log,
    keyboardFor,
  });
  return { api, codec, limiter, notifier, buttons, silenceSec };
}

/** Starts the getUpdates loop that answers Acknowledge / Silence presses. */
function pollButtons(ctx: PluginContext, config: TelegramConfig, parts: ReturnType<typeof wire>): Polling {
  const allowed = config.actions?.allowedUserIds;
  const deps = {
    api: parts.api,
    codec: parts.codec,
    log: ctx.log,
    silenceMs: parts.silenceSec * 1000,
    ...(allowed ? { allowedUserIds: new Set(allowed) } : {}),
    actions: () => ctx.tryUse(notificationActionsRef),
  };
  return startPolling({
    api: parts.api,
    clock: ctx.clock,
    log: ctx.log,
    timeoutSec: config.actions?.pollTimeoutSec ?? DEFAULTS.pollTimeoutSec,
    onUpdate: async (update: Update, signal) => {
      if ('callback_query' in update) await handleCallback(deps, update.callback_query, signal);
    },
  });
}

/** Sends notifications to Telegram chats and turns Acknowledge / Silence button presses into alert actions. */
export const notifierTelegramPlugin = definePlugin({
  name: 'notifier-telegram',
  version: '0.1.0',
  sdk: '^1.0.0',
  kind: 'notifier',
  description:
    'Telegram notifier: Bot API messages with flood limits (1/s per chat, 20/min per group, 30/s overall), ' +
    'safe HTML, 4,096-character splitting, error classification, and Acknowledge / Silence buttons.',
  configSchema,
  setup(ctx, config) {
    const parts = wire(ctx, config);
    ctx.provide(notifiersRef, parts.notifier);
    let polling: Polling | undefined;
    return {
      ready() {
        if (parts.buttons) polling = pollButtons(ctx, config, parts);
      },
      async stop() {
        await polling?.stop();
        await parts.limiter.stop();
      },
    };
  },
});

export default notifierTelegramPlugin;
