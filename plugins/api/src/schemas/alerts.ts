import { Type } from '@sinclair/typebox';
import { StringEnum } from '@encoder-manager/sdk';
import { EpochMs, Labels } from './common.js';

export const AlertSchema = Type.Object({
  fingerprint: Type.String(),
  name: Type.String(),
  state: StringEnum(['pending', 'firing', 'resolved']),
  severity: StringEnum(['info', 'warning', 'critical']),
  labels: Labels,
  summary: Type.String(),
  description: Type.Optional(Type.String()),
  startsAt: EpochMs,
  firingAt: Type.Optional(EpochMs),
  endsAt: Type.Optional(EpochMs),
  value: Type.Optional(Type.Number()),
  suppressedBy: Type.Optional(StringEnum(['silenced', 'inhibited', 'flapping', 'grouped'])),
  suppressedByRef: Type.Optional(Type.String()),
  flapping: Type.Optional(Type.Boolean()),
  members: Type.Optional(Type.Array(Type.String())),
  acknowledgedBy: Type.Optional(Type.String()),
  acknowledgedAt: Type.Optional(EpochMs),
});

export const AlertQuery = Type.Object({
  severity: Type.Optional(StringEnum(['info', 'warning', 'critical'])),
  state: Type.Optional(StringEnum(['pending', 'firing'])),
  name: Type.Optional(Type.String({ maxLength: 128 })),
  site: Type.Optional(Type.String({ maxLength: 64 })),
});

export const AlertHistoryEntrySchema = Type.Object({
  fingerprint: Type.String(),
  name: Type.String(),
  from: Type.Union([StringEnum(['pending', 'firing', 'resolved']), Type.Null()]),
  to: StringEnum(['pending', 'firing', 'resolved']),
  severity: Type.String(),
  suppressedBy: Type.Optional(Type.String()),
  at: EpochMs,
});

export const AlertHistoryQuery = Type.Object({
  fingerprint: Type.Optional(Type.String({ maxLength: 128 })),
  since: Type.Optional(EpochMs),
});

export const FingerprintParams = Type.Object({
  fingerprint: Type.String({ pattern: '^[A-Za-z0-9:._-]{1,128}$' }),
});

export const AcknowledgeBody = Type.Object(
  { comment: Type.Optional(Type.String({ maxLength: 500 })) },
  { additionalProperties: false },
);

const Matcher = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 64 }),
    op: StringEnum(['=', '!=', '=~', '!~'], { default: '=' }),
    value: Type.String({ maxLength: 256 }),
  },
  { additionalProperties: false },
);

const Schedule = Type.Object(
  {
    cron: Type.String({ minLength: 9, maxLength: 100, examples: ['0 18 * * 2'] }),
    durationMin: Type.Integer({ minimum: 1, maximum: 10_080 }),
    timeZone: Type.String({ minLength: 1, maxLength: 64, examples: ['America/Chicago'] }),
  },
  { additionalProperties: false },
);

/** A one-off silence (`startsAt`/`endsAt`) or a recurring one (`schedule`). */
export const SilenceBody = Type.Object(
  {
    matchers: Type.Array(Matcher, { minItems: 1, maxItems: 20 }),
    comment: Type.String({ minLength: 1, maxLength: 500 }),
    startsAt: Type.Optional(EpochMs),
    endsAt: Type.Optional(EpochMs),
    schedule: Type.Optional(Schedule),
  },
  { additionalProperties: false },
);

export const SilenceSchema = Type.Object({
  id: Type.String(),
  matchers: Type.Array(Type.Object({ name: Type.String(), op: Type.String(), value: Type.String() })),
  comment: Type.String(),
  createdBy: Type.String(),
  startsAt: Type.Optional(EpochMs),
  endsAt: Type.Optional(EpochMs),
  schedule: Type.Optional(Schedule),
});
