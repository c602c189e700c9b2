import { StringEnum, Type, type Static } from '@encoder-manager/sdk';

const ChannelEncoder = Type.Object(
  {
    encoder: Type.String({
      minLength: 1,
      description: 'Encoder id as a driver plugin provides it.',
      examples: ['chamber-a'],
    }),
    output: Type.String({
      minLength: 1,
      default: 'stream',
      description: 'The output that feeds this channel.',
    }),
    stream: Type.Optional(
      Type.String({
        pattern: '^[^/]+/[^/]+$',
        description:
          "app/name this encoder publishes at the watched ingest; primary and backup need different names (nginx refuses a second publisher). Without it, the encoder's own output state is the only truth (a destination the agent cannot watch).",
        examples: ['live/chamber-a'],
      }),
    ),
  },
  { additionalProperties: false },
);

const Channel = Type.Object(
  {
    id: Type.String({ pattern: '^[a-z0-9][a-z0-9-]*$', examples: ['council-chamber'] }),
    name: Type.Optional(Type.String({ examples: ['Council Chamber live'] })),
    encoders: Type.Array(ChannelEncoder, {
      minItems: 2,
      description: 'First = primary, then backups in order.',
    }),
    mode: StringEnum(['cold', 'warm'], {
      default: 'cold',
      description:
        'cold: start the backup on failure; warm: the backup already publishes, switching is immediate.',
    }),
    return: StringEnum(['preferred-primary', 'stay'], { default: 'preferred-primary' }),
    stableSec: Type.Integer({
      minimum: 1,
      default: 30,
      description: 'Primary must be clean this long before switching back.',
    }),
    retryPrimaryEverySec: Type.Integer({
      minimum: 1,
      default: 10,
      description: 'cold mode: how often a failed primary is restarted.',
    }),
    confirmTimeoutMs: Type.Integer({
      minimum: 500,
      default: 10_000,
      description: 'How long a backup may take to publish at the ingest.',
    }),
    assignment: StringEnum(['ordered', 'best'], {
      default: 'ordered',
      description:
        'best: among healthy backups, the coolest and least loaded not already feeding another channel.',
    }),
    minBytesPerSec: Type.Integer({
      minimum: 0,
      default: 0,
      description: 'Receive rate below this at the ingest is a fault (0 = off).',
    }),
    lowRateForMs: Type.Integer({ minimum: 0, default: 3000 }),
    startOnReady: Type.Boolean({
      default: true,
      description: "Start the primary's output when the agent starts.",
    }),
  },
  { additionalProperties: false },
);

/** `plugins: failover: config:` */
export const FailoverConfigSchema = Type.Object(
  {
    channels: Type.Array(Channel, { default: [] }),
    faultSeverities: Type.Array(StringEnum(['warning', 'critical']), {
      default: ['critical'],
      description: 'Firing alerts on the active encoder with these severities trigger a failover.',
    }),
  },
  { additionalProperties: false },
);

export type FailoverConfig = Static<typeof FailoverConfigSchema>;
export type ChannelConfig = Static<typeof Channel>;
