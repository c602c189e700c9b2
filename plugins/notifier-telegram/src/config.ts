import { Type, type Static } from '@encoder-manager/sdk';

/** The defaults the schema declares; the plugin falls back to the same values when a field is missing. */
export const DEFAULTS = {
  apiRoot: 'https://api.telegram.org',
  requestTimeoutMs: 15_000,
  perChatIntervalMs: 1000,
  groupPerMinute: 20,
  globalPerSecond: 30,
  actionsEnabled: true,
  pollTimeoutSec: 25,
  silenceDurationSec: 3600,
} as const;

const Limits = Type.Object(
  {
    perChatIntervalMs: Type.Optional(
      Type.Integer({
        minimum: 0,
        default: 1000,
        description: 'Least time between two messages to one chat.',
      }),
    ),
    groupPerMinute: Type.Optional(
      Type.Integer({
        minimum: 1,
        default: 20,
        description: 'Messages per minute to one group, supergroup or channel.',
      }),
    ),
    globalPerSecond: Type.Optional(
      Type.Integer({ minimum: 1, default: 30, description: 'Messages per second over all chats.' }),
    ),
  },
  {
    additionalProperties: false,
    description: "Telegram's flood limits (Bot FAQ); lower them only if Telegram answers 429 often.",
  },
);

const Actions = Type.Object(
  {
    enabled: Type.Optional(
      Type.Boolean({
        default: true,
        description: 'Add Acknowledge / Silence buttons to alerts and poll getUpdates for presses.',
      }),
    ),
    pollTimeoutSec: Type.Optional(
      Type.Integer({
        minimum: 1,
        maximum: 50,
        default: 25,
        description: 'Long-poll wait of each getUpdates call.',
      }),
    ),
    silenceDurationSec: Type.Optional(
      Type.Integer({
        minimum: 60,
        default: 3600,
        description: 'How long the Silence button silences the alert.',
      }),
    ),
    allowedUserIds: Type.Optional(
      Type.Array(Type.String({ pattern: '^[0-9]+$' }), {
        description:
          'Telegram user ids allowed to press the buttons. Default: anyone in a chat that got the alert.',
        examples: [['123456789']],
      }),
    ),
  },
  { additionalProperties: false },
);

/** The `notifier-telegram` config. */
export const configSchema = Type.Object(
  {
    token: Type.String({
      pattern: '^[0-9]+:[A-Za-z0-9_-]+$',
      secret: true,
      description:
        'Bot token from @BotFather. Use `${TELEGRAM_BOT_TOKEN}`; it is redacted in logs and the API.',
      examples: ['${TELEGRAM_BOT_TOKEN}'],
    }),
    apiRoot: Type.Optional(
      Type.String({
        pattern: '^https?://',
        default: 'https://api.telegram.org',
        description: 'Bot API origin: a local Bot API server, a proxy, or a test server.',
      }),
    ),
    requestTimeoutMs: Type.Optional(
      Type.Integer({
        minimum: 500,
        default: 15_000,
        description: 'Give up on one API call after this long (→ retry).',
      }),
    ),
    limits: Type.Optional(Limits),
    actions: Type.Optional(Actions),
  },
  { additionalProperties: false },
);

/** The validated config. */
export type TelegramConfig = Static<typeof configSchema>;
