import { EncoderIdSchema, Type, type Static } from '@encoder-manager/sdk';

/** Defaults: port 4455 (obs-websocket `ServerPort`), 1 s polling (docs/encoders.md §12.7). */
export const DEFAULTS = {
  port: 4455,
  pollIntervalMs: 1000,
  connectTimeoutMs: 5000,
  controlDeadlineMs: 10_000,
  confirmIntervalMs: 250,
} as const;

/** One OBS Studio instance the agent watches. */
export const ObsEncoderSchema = Type.Object(
  {
    id: EncoderIdSchema({
      description: 'Encoder id used in samples, alerts and the API.',
      examples: ['obs-studio-b'],
    }),
    host: Type.String({
      minLength: 1,
      description: 'Host running OBS with the WebSocket server on.',
      examples: ['10.0.0.40'],
    }),
    port: Type.Optional(Type.Integer({ minimum: 1, maximum: 65535, default: DEFAULTS.port })),
    password: Type.Optional(
      Type.String({
        secret: true,
        description: 'obs-websocket server password (auth is on by default); use ${ENV} substitution.',
        examples: ['${OBS_PASSWORD}'],
      }),
    ),
    model: Type.Optional(Type.String({ minLength: 1, examples: ['OBS Studio 30'] })),
    labels: Type.Optional(Type.Record(Type.String(), Type.String(), { examples: [{ room: 'studio-b' }] })),
    pollIntervalMs: Type.Optional(Type.Integer({ minimum: 250, default: DEFAULTS.pollIntervalMs })),
    connectTimeoutMs: Type.Optional(
      Type.Integer({
        minimum: 250,
        default: DEFAULTS.connectTimeoutMs,
        description: 'Deadline for connect + Identify.',
      }),
    ),
    controlDeadlineMs: Type.Optional(
      Type.Integer({
        minimum: 1000,
        default: DEFAULTS.controlDeadlineMs,
        description: 'How long start/stop wait for the state read back to confirm them.',
      }),
    ),
  },
  { additionalProperties: false },
);

/** The `driver-obs` plugin config. */
export const configSchema = Type.Object(
  {
    encoders: Type.Array(ObsEncoderSchema, {
      minItems: 1,
      description: 'The OBS Studio instances to watch (ids must be unique).',
    }),
  },
  { additionalProperties: false, description: 'OBS Studio over obs-websocket v5.' },
);

/** One configured OBS instance. */
export type ObsEncoderConfig = Static<typeof ObsEncoderSchema>;
/** The plugin config after validation. */
export type DriverObsConfig = Static<typeof configSchema>;
