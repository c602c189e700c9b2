import { StringEnum, Type, type Static } from '@encoder-manager/sdk';

/** Ids of roles, recipients, rules and channels: lower-case words joined by dashes. */
const ID_PATTERN = '^[a-z0-9][a-z0-9._-]*$';
const Id = (description: string, examples: string[]) =>
  Type.String({ pattern: ID_PATTERN, minLength: 1, maxLength: 64, description, examples });

const SEVERITIES = ['info', 'warning', 'critical'] as const;
const Severity = StringEnum(SEVERITIES, { description: 'info, warning or critical.' });
const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
const ClockTime = Type.String({
  pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$',
  description: 'Local time HH:MM, 24-hour clock.',
  examples: ['22:00'],
});
const Seconds = (description: string, minimum = 0) => Type.Integer({ minimum, description });

/** A custom role next to the built-in cablecaster, technician, engineer and management. */
export const RoleSchema = Type.Object(
  {
    id: Id('Role id used by recipients and rules.', ['captioner']),
    description: Type.Optional(Type.String({ maxLength: 500 })),
  },
  { additionalProperties: false },
);

export const QuietHoursSchema = Type.Object(
  {
    start: ClockTime,
    end: ClockTime,
    timezone: Type.String({ minLength: 1, description: 'IANA time zone.', examples: ['America/Chicago'] }),
    days: Type.Optional(Type.Array(StringEnum(WEEKDAYS), { uniqueItems: true, minItems: 1 })),
    allowSeverities: Type.Optional(Type.Array(Severity, { uniqueItems: true })),
  },
  { additionalProperties: false },
);

export const RecipientSchema = Type.Object(
  {
    id: Id('Recipient id.', ['ana']),
    name: Type.String({ minLength: 1, maxLength: 200 }),
    roles: Type.Array(Type.String({ minLength: 1 }), { uniqueItems: true }),
    channels: Type.Array(
      Type.Object(
        {
          channel: Id('Notifier channel name.', ['email', 'telegram']),
          address: Type.String({ minLength: 1, maxLength: 500 }),
        },
        { additionalProperties: false },
      ),
    ),
    quietHours: Type.Optional(QuietHoursSchema),
    enabled: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

const StringList = Type.Array(Type.String({ minLength: 1 }), { uniqueItems: true });

export const EscalationStepSchema = Type.Object(
  {
    afterSec: Seconds('Seconds unacknowledged before this step.', 1),
    roles: Type.Array(Type.String({ minLength: 1 }), { minItems: 1, uniqueItems: true }),
    channels: Type.Optional(StringList),
  },
  { additionalProperties: false },
);

export const RuleSchema = Type.Object(
  {
    id: Id('Rule id.', ['critical-to-technicians']),
    description: Type.Optional(Type.String({ maxLength: 500 })),
    priority: Type.Optional(Type.Integer({ minimum: 0, maximum: 10000 })),
    continue: Type.Optional(Type.Boolean()),
    enabled: Type.Optional(Type.Boolean()),
    match: Type.Optional(
      Type.Object(
        {
          eventTypes: Type.Optional(StringList),
          severities: Type.Optional(Type.Array(Severity, { uniqueItems: true })),
          alertNames: Type.Optional(StringList),
          labels: Type.Optional(Type.Record(Type.String(), Type.String())),
          labelsRegex: Type.Optional(Type.Record(Type.String(), Type.String())),
        },
        { additionalProperties: false },
      ),
    ),
    notify: Type.Object(
      {
        roles: Type.Optional(StringList),
        recipients: Type.Optional(StringList),
        channels: Type.Optional(StringList),
      },
      { additionalProperties: false },
    ),
    firstAfter: Type.Optional(Type.Integer({ minimum: 1 })),
    occurrenceWindowSec: Type.Optional(Seconds('Window for counting firings.', 1)),
    repeatEverySec: Type.Optional(Seconds('Re-notify interval while firing.', 60)),
    stateChangeOnly: Type.Optional(Type.Boolean()),
    groupBy: Type.Optional(StringList),
    groupWaitSec: Type.Optional(Seconds('Grouping window.')),
    escalation: Type.Optional(Type.Array(EscalationStepSchema)),
  },
  { additionalProperties: false },
);

export const TemplateSchema = Type.Object(
  {
    eventType: Type.String({ minLength: 1, examples: ['alert.firing', 'default'] }),
    channel: Type.String({ minLength: 1, examples: ['email', 'telegram', 'default'] }),
    subject: Type.Optional(Type.String()),
    text: Type.Optional(Type.String()),
    html: Type.Optional(Type.String()),
  },
  { additionalProperties: false },
);

export const ChannelInputSchema = Type.Object(
  {
    channel: Id('Notifier channel name.', ['email']),
    enabled: Type.Optional(Type.Boolean()),
    settings: Type.Optional(
      Type.Record(Type.String(), Type.Union([Type.String(), Type.Number(), Type.Boolean()])),
    ),
    secrets: Type.Optional(
      Type.Record(Type.String(), Type.Union([Type.String({ minLength: 1 }), Type.Null()])),
    ),
  },
  { additionalProperties: false },
);

export const DeliverySchema = Type.Object(
  {
    pollIntervalMs: Type.Optional(Type.Integer({ minimum: 100, default: 1000 })),
    batchSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 20 })),
    leaseSec: Type.Optional(Seconds('How long a claimed message is reserved for one sender.', 5)),
    sendTimeoutSec: Type.Optional(Seconds('Deadline for one notifier call.', 1)),
    backoffBaseMs: Type.Optional(Type.Integer({ minimum: 1 })),
    backoffCapMs: Type.Optional(Type.Integer({ minimum: 1 })),
    maxAgeHours: Type.Optional(Type.Number({ exclusiveMinimum: 0 })),
    lateAfterSec: Type.Optional(Seconds('Messages later than this say so.')),
  },
  { additionalProperties: false },
);

/** The plugin's config under `plugins.notifications.config`. */
export const configSchema = Type.Object(
  {
    station: Type.Optional(Type.String({ minLength: 1, description: 'Station name used in messages.' })),
    timezone: Type.Optional(Type.String({ minLength: 1, description: 'IANA zone for times in messages.' })),
    roles: Type.Optional(Type.Array(RoleSchema)),
    recipients: Type.Optional(Type.Array(RecipientSchema)),
    rules: Type.Optional(Type.Array(RuleSchema)),
    templates: Type.Optional(Type.Array(TemplateSchema)),
    deadLetterRoles: Type.Optional(StringList),
    delivery: Type.Optional(DeliverySchema),
  },
  { additionalProperties: false },
);

/** The validated config. */
export type NotificationsConfig = Static<typeof configSchema>;
export type DeliveryConfig = Static<typeof DeliverySchema>;
