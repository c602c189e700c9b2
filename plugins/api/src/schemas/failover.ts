import { Type } from '@sinclair/typebox';
import { StringEnum } from '@encoder-manager/sdk';
import { EpochMs } from './common.js';

const ChannelEncoder = Type.Object({
  encoder: Type.String(),
  output: Type.String(),
  stream: Type.String(),
  role: StringEnum(['primary', 'backup']),
  active: Type.Boolean(),
  unhealthy: Type.Optional(Type.String()),
});

export const FailoverRecordSchema = Type.Object({
  id: Type.String(),
  channel: Type.String(),
  kind: StringEnum(['failover', 'return', 'manual']),
  from: Type.Optional(Type.String()),
  to: Type.Optional(Type.String()),
  reason: Type.String(),
  detectedAt: EpochMs,
  decidedAt: Type.Optional(EpochMs),
  commandedAt: Type.Optional(EpochMs),
  confirmedAt: Type.Optional(EpochMs),
  outcome: StringEnum(['in-progress', 'completed', 'failed']),
  error: Type.Optional(Type.String()),
  mergedTriggers: Type.Integer(),
});

export const ChannelSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  state: StringEnum(['live', 'switching', 'down', 'idle']),
  activeEncoder: Type.Optional(Type.String()),
  since: EpochMs,
  encoders: Type.Array(ChannelEncoder),
});

export const ChannelDetailSchema = Type.Intersect([
  ChannelSchema,
  Type.Object({
    history: Type.Array(FailoverRecordSchema, { description: 'Latest failovers, newest first.' }),
  }),
]);

export const ChannelQuery = Type.Object({
  state: Type.Optional(StringEnum(['live', 'switching', 'down', 'idle'])),
});

export const FailoverBody = Type.Object(
  {
    to: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 128,
        description: 'Encoder to switch to; default the best backup.',
      }),
    ),
  },
  { additionalProperties: false },
);
