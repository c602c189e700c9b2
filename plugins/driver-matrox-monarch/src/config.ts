import { EncoderIdSchema, StringEnum, Type, type Static } from '@encoder-manager/sdk';
import { MONARCH_VARIANTS } from './variants.js';

/** Defaults from encoders.md §3: port 80, admin/admin, 10 s polls and request timeout, 2 s RETRY pause (module). */
export const DEFAULTS = {
  port: 80,
  variant: 'hd',
  username: 'admin',
  password: 'admin',
  pollIntervalMs: 10_000,
  requestTimeoutMs: 10_000,
  controlDeadlineMs: 10_000,
  retryAttempts: 5,
  retryDelayMs: 250,
} as const;

/** One Monarch HD, HDX, LCS or Datavideo NVS-30. */
export const MonarchEncoderSchema = Type.Object(
  {
    id: EncoderIdSchema({ examples: ['annex-monarch'] }),
    host: Type.String({
      pattern: '^[^\\s/:]+$',
      description: 'Host name or IPv4 address (no scheme, no port).',
      examples: ['10.0.0.31'],
    }),
    port: Type.Optional(
      Type.Integer({ minimum: 1, maximum: 65535, default: DEFAULTS.port, description: 'HTTP port.' }),
    ),
    variant: Type.Optional(
      StringEnum(MONARCH_VARIANTS, {
        default: DEFAULTS.variant,
        description: 'hd (Monarch HD), hdx, lcs, or nvs30 (Datavideo NVS-30, under /NVS/).',
      }),
    ),
    username: Type.Optional(
      Type.String({ minLength: 1, default: DEFAULTS.username, description: 'HTTP Basic user.' }),
    ),
    password: Type.Optional(
      Type.String({
        minLength: 1,
        secret: true,
        default: DEFAULTS.password,
        description: 'HTTP Basic password (factory default admin).',
        examples: ['${MONARCH_PASSWORD}'],
      }),
    ),
    labels: Type.Optional(
      Type.Record(Type.String(), Type.String(), {
        description: 'Labels carried into check results and alerts.',
        examples: [{ site: 'annex' }],
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
        description: 'How long start/stop may take to show in GetStatus, ms.',
      }),
    ),
    retryAttempts: Type.Optional(
      Type.Integer({
        minimum: 1,
        maximum: 20,
        default: DEFAULTS.retryAttempts,
        description: 'Sends of one command while the Monarch answers RETRY.',
      }),
    ),
    retryDelayMs: Type.Optional(
      Type.Integer({
        minimum: 10,
        default: DEFAULTS.retryDelayMs,
        description: 'Pause after the first RETRY, ms; doubles after each further one.',
      }),
    ),
  },
  { additionalProperties: false, description: 'One Matrox Monarch (or Datavideo NVS-30).' },
);

/** The `driver-matrox-monarch` plugin config. */
export const configSchema = Type.Object(
  {
    encoders: Type.Array(MonarchEncoderSchema, {
      minItems: 1,
      maxItems: 64,
      description: 'The Monarchs to watch (ids must be unique).',
    }),
  },
  { additionalProperties: false, description: 'Matrox Monarch encoders over their sdk.aspx text API.' },
);

/** The plugin config after validation. */
export type DriverMatroxMonarchConfig = Static<typeof configSchema>;
/** One configured Monarch. */
export type MonarchEncoderConfig = Static<typeof MonarchEncoderSchema>;
