import { Type } from '@sinclair/typebox';
import { StringEnum } from '@encoder-manager/sdk';
import { EpochMs } from './common.js';

const Slug = Type.String({ pattern: '^[a-z0-9][a-z0-9._-]{0,63}$' });
const Severity = StringEnum(['info', 'warning', 'critical']);
const Weekday = StringEnum(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']);
const Hhmm = Type.String({ pattern: '^([01]\\d|2[0-3]):[0-5]\\d$' });
const Short = Type.String({ minLength: 1, maxLength: 200 });

export const SlugParams = Type.Object({ id: Slug });
export const ChannelParams = Type.Object({ channel: Slug });
export const TemplateParams = Type.Object({
  eventType: Type.String({ pattern: '^[a-z][a-z.*]{0,63}$' }),
  channel: Slug,
});
export const EndpointParams = Type.Object({ recipientId: Slug, channel: Slug });

export const RecipientBody = Type.Object(
  {
    name: Short,
    roles: Type.Array(Slug, { minItems: 1, maxItems: 20 }),
    channels: Type.Array(
      Type.Object(
        { channel: Slug, address: Type.String({ minLength: 1, maxLength: 320 }) },
        { additionalProperties: false },
      ),
      { maxItems: 10 },
    ),
    quietHours: Type.Optional(
      Type.Object(
        {
          start: Hhmm,
          end: Hhmm,
          timezone: Type.String({ minLength: 1, maxLength: 64 }),
          days: Type.Optional(Type.Array(Weekday, { maxItems: 7 })),
          allowSeverities: Type.Optional(Type.Array(Severity, { maxItems: 3 })),
        },
        { additionalProperties: false },
      ),
    ),
    enabled: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

const Match = Type.Object(
  {
    eventTypes: Type.Optional(Type.Array(Type.String({ maxLength: 64 }), { maxItems: 30 })),
    severities: Type.Optional(Type.Array(Severity, { maxItems: 3 })),
    alertNames: Type.Optional(Type.Array(Type.String({ maxLength: 128 }), { maxItems: 50 })),
    labels: Type.Optional(Type.Record(Type.String(), Type.String({ maxLength: 128 }))),
    labelsRegex: Type.Optional(Type.Record(Type.String(), Type.String({ maxLength: 256 }))),
  },
  { additionalProperties: false },
);

export const RuleBody = Type.Object(
  {
    description: Type.Optional(Type.String({ maxLength: 500 })),
    priority: Type.Optional(Type.Integer({ minimum: 0, maximum: 10_000 })),
    continue: Type.Optional(Type.Boolean()),
    enabled: Type.Optional(Type.Boolean()),
    match: Type.Optional(Match),
    notify: Type.Object(
      {
        roles: Type.Optional(Type.Array(Slug, { maxItems: 20 })),
        recipients: Type.Optional(Type.Array(Slug, { maxItems: 50 })),
        channels: Type.Optional(Type.Array(Slug, { maxItems: 10 })),
      },
      { additionalProperties: false },
    ),
    firstAfter: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
    occurrenceWindowSec: Type.Optional(Type.Integer({ minimum: 1 })),
    repeatEverySec: Type.Optional(Type.Integer({ minimum: 60 })),
    stateChangeOnly: Type.Optional(Type.Boolean()),
    groupBy: Type.Optional(Type.Array(Type.String({ maxLength: 64 }), { maxItems: 10 })),
    groupWaitSec: Type.Optional(Type.Integer({ minimum: 0, maximum: 3600 })),
    escalation: Type.Optional(
      Type.Array(
        Type.Object(
          {
            afterSec: Type.Integer({ minimum: 1 }),
            roles: Type.Array(Slug, { minItems: 1 }),
            channels: Type.Optional(Type.Array(Slug)),
          },
          { additionalProperties: false },
        ),
        { maxItems: 10 },
      ),
    ),
  },
  { additionalProperties: false },
);

export const RoleBody = Type.Object(
  { description: Type.Optional(Type.String({ maxLength: 500 })) },
  { additionalProperties: false },
);

export const TemplateBody = Type.Object(
  {
    subject: Type.Optional(Type.String({ maxLength: 1000 })),
    text: Type.Optional(Type.String({ maxLength: 20_000 })),
    html: Type.Optional(Type.String({ maxLength: 40_000 })),
  },
  { additionalProperties: false },
);

/** Secrets are write-only: a value stores it, null removes it, and reads only say that it is set. */
export const ChannelBody = Type.Object(
  {
    enabled: Type.Optional(Type.Boolean()),
    settings: Type.Optional(
      Type.Record(
        Type.String({ maxLength: 64 }),
        Type.Union([Type.String({ maxLength: 1000 }), Type.Number(), Type.Boolean()]),
      ),
    ),
    secrets: Type.Optional(
      Type.Record(
        Type.String({ maxLength: 64 }),
        Type.Union([Type.String({ minLength: 1, maxLength: 4096 }), Type.Null()]),
        { writeOnly: true },
      ),
    ),
  },
  { additionalProperties: false },
);

export const ChannelViewSchema = Type.Object({
  channel: Type.String(),
  enabled: Type.Boolean(),
  settings: Type.Record(Type.String(), Type.Union([Type.String(), Type.Number(), Type.Boolean()])),
  secrets: Type.Record(Type.String(), Type.Object({ set: Type.Literal(true) })),
});

const Sourced = Type.Object({ source: StringEnum(['config', 'store']) }, { additionalProperties: true });

export const SettingsViewSchema = Type.Object({
  roles: Type.Array(Sourced),
  recipients: Type.Array(Sourced),
  rules: Type.Array(Sourced),
  templates: Type.Array(Sourced),
  channels: Type.Array(ChannelViewSchema),
  flags: Type.Array(
    Type.Object({
      recipientId: Type.String(),
      channel: Type.String(),
      reason: Type.String(),
      since: EpochMs,
    }),
  ),
});

export const DeadLetterSchema = Type.Object({
  id: Type.String(),
  eventType: Type.String(),
  channel: Type.String(),
  recipientId: Type.String(),
  address: Type.String(),
  fingerprint: Type.Optional(Type.String()),
  reason: Type.String(),
  attempts: Type.Integer(),
  createdAt: EpochMs,
  deadAt: EpochMs,
});

export const DeadLetterQuery = Type.Object({
  channel: Type.Optional(Slug),
  recipientId: Type.Optional(Slug),
});

export const TestBody = Type.Object(
  { to: Slug, channel: Type.Optional(Slug) },
  { additionalProperties: false },
);

export const TestResultSchema = Type.Object({
  notificationId: Type.String(),
  recipientId: Type.String(),
  channel: Type.String(),
  address: Type.String(),
  status: StringEnum(['delivered', 'retry', 'dead']),
  reason: Type.Optional(Type.String()),
});
