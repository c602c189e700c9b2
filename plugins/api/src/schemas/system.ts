import { Type } from '@sinclair/typebox';
import { StringEnum } from '@encoder-manager/sdk';
import { SCOPES } from '../keys/scopes.js';
import { AnyObject, EpochMs } from './common.js';

export const PluginSchema = Type.Object({
  name: Type.String(),
  version: Type.String(),
  kind: Type.String(),
  packageName: Type.String(),
  state: Type.String(),
  code: Type.Optional(Type.String()),
  message: Type.Optional(Type.String()),
  attempts: Type.Integer(),
  configSchema: Type.Unknown({
    description: "The plugin's config JSON Schema (secrets marked secret: true).",
  }),
});

export const HealthSchema = Type.Object({
  status: Type.Literal('ok'),
  version: Type.String(),
  uptimeSec: Type.Integer(),
});

export const KeyViewSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  scope: StringEnum(SCOPES),
  sites: Type.Optional(Type.Array(Type.String())),
  hint: Type.String({ description: 'em_api_… and the last four characters; never the key.' }),
  state: StringEnum(['active', 'grace', 'expired', 'revoked']),
  createdAt: EpochMs,
  createdBy: Type.String(),
  expiresAt: EpochMs,
  revokedAt: Type.Optional(EpochMs),
  rotatedFrom: Type.Optional(Type.String()),
  replacedBy: Type.Optional(Type.String()),
  lastUsedAt: Type.Optional(EpochMs),
  lastUsedIp: Type.Optional(Type.String()),
  stale: Type.Boolean(),
});

export const KeyCreateBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 100 }),
    scope: StringEnum(SCOPES),
    sites: Type.Optional(Type.Array(Type.String({ pattern: '^[\\w.-]{1,64}$' }), { maxItems: 50 })),
    expiresInDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 366 })),
  },
  { additionalProperties: false },
);

export const KeyRotateBody = Type.Object(
  { graceSec: Type.Integer({ minimum: 0, maximum: 604_800, default: 86_400 }) },
  { additionalProperties: false },
);

export const IssuedKeySchema = Type.Object({
  key: Type.String({ description: 'The secret, shown only in this response.' }),
  record: KeyViewSchema,
  previous: Type.Optional(KeyViewSchema),
});

export const KeyListQuery = Type.Object({
  all: Type.Boolean({ default: false, description: 'Include revoked and expired keys.' }),
});

export const TicketSchema = Type.Object({
  ticket: Type.String({ description: 'Single use; pass as ?ticket= on the WebSocket upgrade.' }),
  expiresAt: EpochMs,
  url: Type.String(),
});

export const StreamSchema = Type.Object({
  stream: Type.String(),
  publishing: Type.Boolean(),
  stalled: Type.Optional(Type.Boolean()),
  source: Type.String(),
  clientId: Type.Optional(Type.String()),
  bytesInPerSec: Type.Optional(Type.Number()),
  width: Type.Optional(Type.Number()),
  height: Type.Optional(Type.Number()),
  fps: Type.Optional(Type.Number()),
  at: EpochMs,
});

export const MeetingQuery = Type.Object({
  when: StringEnum(['upcoming', 'past', 'all'], { default: 'upcoming' }),
  body: Type.Optional(Type.String({ maxLength: 200 })),
  city: Type.Optional(Type.String({ maxLength: 200 })),
  from: Type.Optional(EpochMs),
  to: Type.Optional(EpochMs),
});

export const MeetingSchema = AnyObject;
export const DetailedHealthSchema = AnyObject;
export const MonitoringStatusSchema = Type.Object({
  status: StringEnum(['ok', 'degraded', 'critical']),
  at: EpochMs,
  encoders: Type.Array(AnyObject),
  channels: Type.Optional(Type.Array(AnyObject)),
  alerts: Type.Object({ firing: Type.Integer(), pending: Type.Integer(), critical: Type.Integer() }),
});
export const EncoderHealthSchema = Type.Object({
  encoderId: Type.String(),
  status: StringEnum(['healthy', 'degraded', 'down', 'unknown']),
  reachable: Type.Optional(Type.Boolean()),
  lastSampleAt: Type.Optional(EpochMs),
  outputs: Type.Array(AnyObject),
  alerts: Type.Array(AnyObject),
});
