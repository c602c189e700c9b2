import { Type } from '@sinclair/typebox';
import { CAPABILITIES, OUTPUT_STATES, StringEnum } from '@encoder-manager/sdk';
import { EpochMs, Labels } from './common.js';

const Output = Type.Object({
  id: Type.String(),
  kind: StringEnum(['stream', 'record']),
  state: StringEnum(OUTPUT_STATES),
  raw: Type.String({ description: "The device's own state value." }),
  bitrateKbps: Type.Optional(Type.Number()),
  destination: Type.Optional(Type.String()),
});

/** Only metrics the device reports are present; a missing metric is absent, never 0. */
const Metrics = Type.Object({
  cpuPct: Type.Optional(Type.Number()),
  memPct: Type.Optional(Type.Number()),
  temperatureC: Type.Optional(Type.Number()),
  droppedFrames: Type.Optional(Type.Number()),
  fps: Type.Optional(Type.Number()),
  linkErrors: Type.Optional(Type.Number()),
  inputSignal: Type.Optional(Type.Boolean()),
  mediaPct: Type.Optional(Type.Number()),
  uptimeSec: Type.Optional(Type.Number()),
});

export const SampleSchema = Type.Object({
  encoderId: Type.String(),
  at: EpochMs,
  reachable: Type.Boolean(),
  error: Type.Optional(Type.Object({ code: Type.String(), message: Type.String() })),
  outputs: Type.Array(Output),
  metrics: Metrics,
});

export const EncoderSchema = Type.Object({
  id: Type.String(),
  family: Type.String(),
  model: Type.Optional(Type.String()),
  labels: Labels,
  capabilities: Type.Array(StringEnum(CAPABILITIES)),
  pollIntervalMs: Type.Integer(),
  latest: Type.Optional(SampleSchema),
});

export const EncoderQuery = Type.Object({
  site: Type.Optional(Type.String({ maxLength: 64 })),
  family: Type.Optional(Type.String({ maxLength: 64 })),
  reachable: Type.Optional(Type.Boolean()),
  label: Type.Optional(
    Type.Array(Type.String({ pattern: '^[^=]{1,64}=.{0,128}$' }), {
      maxItems: 10,
      description: 'name=value; repeatable, all must match.',
    }),
  ),
});

export const ControlBody = Type.Object(
  {
    action: StringEnum(['start', 'stop', 'reboot']),
    output: Type.Optional(
      Type.String({ minLength: 1, maxLength: 64, description: 'Output id; required for start and stop.' }),
    ),
  },
  { additionalProperties: false },
);

export const ControlResultSchema = Type.Object({
  encoderId: Type.String(),
  action: Type.Object({ type: Type.String(), outputId: Type.Optional(Type.String()) }),
  confirmed: Type.Boolean({ description: 'True only when the state read back matches the request.' }),
  state: Type.Optional(Type.String()),
  elapsedMs: Type.Number(),
});
