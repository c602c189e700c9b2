import { ENCODER_ID_PATTERN, EncoderIdSchema, Type, type Static } from '@encoder-manager/sdk';

/** The simulated encoding presets: they set the bitrate, CPU load and temperature the metrics wander around. */
export const PROFILE_NAMES = ['sd', 'hd', 'uhd'] as const;
export type ProfileName = (typeof PROFILE_NAMES)[number];

/** The faults that can be injected. */
export const FAULT_KINDS = ['overheat', 'link-loss', 'dropped-frames', 'unreachable', 'slow-reply'] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

/** The defaults the schema declares; setup falls back to the same values when a field is missing. */
export const DEFAULTS = {
  encoders: 3,
  pollIntervalMs: 5000,
  seed: 1,
  startAfterSec: 0,
  profile: 'hd',
} as const;

const EncoderId = EncoderIdSchema({
  minLength: 1,
  description: 'Encoder id: lower-case letters, digits and dashes, starting with a letter or digit.',
  examples: ['studio-a', 'sim-1'],
});

// A plain `enum` (not TypeBox's anyOf of literals) gives one clear "must be one of" validation error.
const Profile = Type.Unsafe<ProfileName>({
  type: 'string',
  enum: [...PROFILE_NAMES],
  description:
    'Encoding preset the metrics wander around: sd ≈ 1500 kbps, hd ≈ 4500 kbps, uhd ≈ 16000 kbps (all 29.97 fps). Default hd.',
  examples: ['hd'],
});

const FaultKindSchema = Type.Unsafe<FaultKind>({
  type: 'string',
  enum: [...FAULT_KINDS],
  description:
    'overheat: temperature climbs past 85 °C; link-loss: stream output fails (RECONNECTING, 0 kbps); ' +
    'dropped-frames: dropped frames rise fast; unreachable: polls fail with EM_DRIVER_UNREACHABLE; ' +
    'slow-reply: polls answer after twice the poll interval.',
  examples: ['overheat', 'link-loss'],
});

/** One explicitly configured virtual encoder. */
export const SimulatedEncoderSchema = Type.Object(
  {
    id: EncoderId,
    model: Type.Optional(
      Type.String({
        minLength: 1,
        description:
          'Model name reported by the driver. Default depends on the profile, e.g. "SimEncoder HD".',
        examples: ['SimEncoder HD'],
      }),
    ),
    labels: Type.Optional(
      Type.Record(Type.String(), Type.String(), {
        description: 'Labels carried into check results and alerts. `simulated: "true"` is always added.',
        examples: [{ site: 'studio', room: 'a' }],
      }),
    ),
    pollIntervalMs: Type.Optional(
      Type.Integer({
        minimum: 250,
        description: 'Poll interval for this encoder in milliseconds. Default: the top-level pollIntervalMs.',
        examples: [2000],
      }),
    ),
    profile: Type.Optional(Profile),
  },
  { additionalProperties: false, description: 'One virtual encoder.' },
);

/** One injected fault. */
export const FaultSchema = Type.Object(
  {
    encoder: Type.String({
      pattern: ENCODER_ID_PATTERN,
      description: 'Id of the virtual encoder the fault hits (`sim-1` … `sim-N` when `encoders` is a count).',
      examples: ['sim-1'],
    }),
    kind: FaultKindSchema,
    startAfterSec: Type.Optional(
      Type.Number({
        minimum: 0,
        default: DEFAULTS.startAfterSec,
        description: 'Seconds after the plugin starts when the fault begins.',
        examples: [0, 60],
      }),
    ),
    durationSec: Type.Optional(
      Type.Number({
        exclusiveMinimum: 0,
        description: 'How long the fault lasts, in seconds. Absent: until the agent stops.',
        examples: [120],
      }),
    ),
  },
  { additionalProperties: false, description: 'A fault injected into one virtual encoder.' },
);

/**
 * The `driver-simulated` plugin config. Fields with a default are optional in the schema, so an editor
 * or a validator that does not fill defaults accepts a config that leaves them out; the host fills them.
 */
export const configSchema = Type.Object(
  {
    encoders: Type.Optional(
      Type.Union(
        [
          Type.Integer({
            minimum: 1,
            maximum: 64,
            description: 'How many identical virtual encoders to create, named sim-1 … sim-N.',
          }),
          Type.Array(SimulatedEncoderSchema, {
            minItems: 1,
            maxItems: 64,
            description: 'The virtual encoders, each with its own id (ids must be unique).',
          }),
        ],
        {
          default: DEFAULTS.encoders,
          description:
            'A count of virtual encoders (1–64), or a list of encoders with their own ids and settings.',
          examples: [3, [{ id: 'studio-a', profile: 'hd', labels: { room: 'a' } }]],
        },
      ),
    ),
    pollIntervalMs: Type.Optional(
      Type.Integer({
        minimum: 250,
        default: DEFAULTS.pollIntervalMs,
        description: 'How often the core polls each virtual encoder, in milliseconds.',
        examples: [5000, 1000],
      }),
    ),
    seed: Type.Optional(
      Type.Integer({
        default: DEFAULTS.seed,
        description: 'Seed for the random walk: the same seed and the same poll times give the same samples.',
        examples: [1, 42],
      }),
    ),
    faults: Type.Optional(
      Type.Array(FaultSchema, {
        description:
          'Faults to inject, for demos and tests. Each names an encoder, a kind and a time window.',
        examples: [[{ encoder: 'sim-1', kind: 'overheat', startAfterSec: 60, durationSec: 300 }]],
      }),
    ),
  },
  { additionalProperties: false, description: 'Virtual encoders that produce realistic, changing samples.' },
);

/** The config `setup` receives (defaulted by the host; setup still falls back to {@link DEFAULTS}). */
export type DriverSimulatedConfig = Static<typeof configSchema>;
/** One explicitly configured virtual encoder. */
export type SimulatedEncoderConfig = Static<typeof SimulatedEncoderSchema>;
/** One injected fault. */
export type FaultConfig = Static<typeof FaultSchema>;
