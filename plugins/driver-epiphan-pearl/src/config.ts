import { EncoderIdSchema, Type, type Static } from '@encoder-manager/sdk';

/** Defaults from docs/encoders.md §12.7 (Pearl field polling: 10 s) and the SDK's confirmation default. */
export const DEFAULTS = {
  port: 80,
  username: 'admin',
  pollIntervalMs: 10_000,
  timeoutMs: 5000,
  controlDeadlineMs: 10_000,
  confirmIntervalMs: 500,
} as const;

const IdList = (what: string, example: string) =>
  Type.Array(Type.String({ minLength: 1, maxLength: 32, pattern: '^[A-Za-z0-9_-]+$' }), {
    minItems: 1,
    uniqueItems: true,
    description: `Only these ${what} ids (as the Pearl numbers them); default: every one the device reports.`,
    examples: [[example]],
  });

/** One Pearl the agent watches. */
export const PearlEncoderSchema = Type.Object(
  {
    id: EncoderIdSchema({
      description: 'Encoder id used in samples, alerts and the API.',
      examples: ['chamber-pearl'],
    }),
    host: Type.String({
      minLength: 1,
      description: 'Host name or IP address of the Pearl (HTTP; API v2.0 needs firmware 4.24.1 or newer).',
      examples: ['10.0.0.31'],
    }),
    port: Type.Optional(Type.Integer({ minimum: 1, maximum: 65535, default: DEFAULTS.port })),
    username: Type.Optional(
      Type.String({ minLength: 1, default: DEFAULTS.username, description: 'HTTP Basic user.' }),
    ),
    password: Type.String({
      secret: true,
      description: 'HTTP Basic password (the Pearl admin password); use ${ENV} substitution.',
      examples: ['${PEARL_PASSWORD}'],
    }),
    model: Type.Optional(Type.String({ minLength: 1, examples: ['Pearl Mini'] })),
    labels: Type.Optional(Type.Record(Type.String(), Type.String(), { examples: [{ room: 'chamber' }] })),
    pollIntervalMs: Type.Optional(Type.Integer({ minimum: 1000, default: DEFAULTS.pollIntervalMs })),
    timeoutMs: Type.Optional(
      Type.Integer({ minimum: 250, default: DEFAULTS.timeoutMs, description: 'Deadline per HTTP request.' }),
    ),
    controlDeadlineMs: Type.Optional(
      Type.Integer({
        minimum: 1000,
        default: DEFAULTS.controlDeadlineMs,
        description: 'How long start/stop/reboot wait for the state read back to confirm them.',
      }),
    ),
    channels: Type.Optional(IdList('channel', '1')),
    recorders: Type.Optional(IdList('recorder', '1')),
  },
  { additionalProperties: false },
);

/** The `driver-epiphan-pearl` plugin config. */
export const configSchema = Type.Object(
  {
    encoders: Type.Array(PearlEncoderSchema, {
      minItems: 1,
      description: 'The Pearl encoders to watch (ids must be unique).',
    }),
  },
  { additionalProperties: false, description: 'Epiphan Pearl encoders over REST API v2.0.' },
);

/** One configured Pearl. */
export type PearlEncoderConfig = Static<typeof PearlEncoderSchema>;
/** The plugin config after validation. */
export type DriverEpiphanPearlConfig = Static<typeof configSchema>;
