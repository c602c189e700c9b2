import { EncoderIdSchema, StringEnum, Type, type Static } from '@encoder-manager/sdk';

/** HELO models: the classic HELO streams once; the HELO Plus adds Stream1/Stream2 (encoders.md §2.3, §12). */
export const HELO_MODELS = ['helo', 'helo-plus'] as const;
export type HeloModel = (typeof HELO_MODELS)[number];

/** Defaults from encoders.md: port 80, the module's 10 s poll and 2 s request timeout. */
export const DEFAULTS = {
  port: 80,
  model: 'helo',
  pollIntervalMs: 10_000,
  requestTimeoutMs: 2000,
  controlDeadlineMs: 10_000,
} as const;

/** One HELO or HELO Plus. */
export const HeloEncoderSchema = Type.Object(
  {
    id: EncoderIdSchema({ examples: ['council-helo'] }),
    host: Type.String({
      pattern: '^[^\\s/:]+$',
      description: 'Host name or IPv4 address of the HELO (no scheme, no port).',
      examples: ['10.0.0.21'],
    }),
    port: Type.Optional(
      Type.Integer({ minimum: 1, maximum: 65535, default: DEFAULTS.port, description: 'HTTP port.' }),
    ),
    model: Type.Optional(
      StringEnum(HELO_MODELS, {
        default: DEFAULTS.model,
        description: '`helo-plus` adds the read-only outputs stream1 and stream2.',
      }),
    ),
    password: Type.Optional(
      Type.String({
        minLength: 1,
        secret: true,
        description: 'Web UI password, only when authentication is on; omit otherwise.',
        examples: ['${HELO_PASSWORD}'],
      }),
    ),
    labels: Type.Optional(
      Type.Record(Type.String(), Type.String(), {
        description: 'Labels carried into check results and alerts.',
        examples: [{ site: 'city-hall', room: 'council' }],
      }),
    ),
    pollIntervalMs: Type.Optional(
      Type.Integer({ minimum: 1000, default: DEFAULTS.pollIntervalMs, description: 'Poll interval, ms.' }),
    ),
    requestTimeoutMs: Type.Optional(
      Type.Integer({
        minimum: 100,
        default: DEFAULTS.requestTimeoutMs,
        description: 'Per-request timeout, ms.',
      }),
    ),
    controlDeadlineMs: Type.Optional(
      Type.Integer({
        minimum: 500,
        default: DEFAULTS.controlDeadlineMs,
        description: 'How long start/stop/reboot may take to show in the state read back, ms.',
      }),
    ),
  },
  { additionalProperties: false, description: 'One AJA HELO or HELO Plus.' },
);

/** The `driver-aja-helo` plugin config. */
export const configSchema = Type.Object(
  {
    encoders: Type.Array(HeloEncoderSchema, {
      minItems: 1,
      maxItems: 64,
      description: 'The HELOs to watch (ids must be unique).',
    }),
  },
  { additionalProperties: false, description: 'AJA HELO / HELO Plus encoders over their HTTP /config API.' },
);

/** The plugin config after validation. */
export type DriverAjaHeloConfig = Static<typeof configSchema>;
/** One configured HELO. */
export type HeloEncoderConfig = Static<typeof HeloEncoderSchema>;
