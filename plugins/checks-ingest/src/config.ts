import { Type, type Static } from '@encoder-manager/sdk';

/** One stream the ingest must be receiving. */
export const StreamSchema = Type.Object(
  {
    stream: Type.String({
      pattern: '^[^/\\s]+/[^\\s]+$',
      description: 'The stream as the ingest names it: `app/name`.',
      examples: ['live/chamber-a'],
    }),
    encoder: Type.Optional(
      Type.String({
        minLength: 1,
        description:
          'Encoder id that feeds this stream; added as the `encoder` label so failover maps the alert to it.',
        examples: ['chamber-a'],
      }),
    ),
    source: Type.Optional(
      Type.String({
        minLength: 1,
        description:
          'Only events from this ingest plugin (`stream.state` source), when several ingests see one name.',
        examples: ['ingest-nginx-rtmp'],
      }),
    ),
    minBytesPerSec: Type.Optional(
      Type.Number({
        minimum: 0,
        description:
          'Average receive rate below this (bytes/s, over rateWindowSec) → critical. 100000 B/s = 800 kbit/s.',
        examples: [100_000],
      }),
    ),
    expectWidth: Type.Optional(
      Type.Integer({
        minimum: 1,
        description: 'Declared width other than this → warning.',
        examples: [1920],
      }),
    ),
    expectHeight: Type.Optional(
      Type.Integer({
        minimum: 1,
        description: 'Declared height other than this → warning.',
        examples: [1080],
      }),
    ),
    expectFps: Type.Optional(
      Type.Number({
        exclusiveMinimum: 0,
        description:
          'Declared frame rate more than 1 fps away from this → warning (nginx truncates 29.97 to 29).',
        examples: [29.97],
      }),
    ),
    labels: Type.Optional(
      Type.Record(Type.String(), Type.String(), {
        description: 'Extra labels for routing and grouping (site, channel …).',
        examples: [{ site: 'city-hall', channel: 'council' }],
      }),
    ),
  },
  { additionalProperties: false },
);

/** `plugins: checks-ingest: config:` */
export const configSchema = Type.Object(
  {
    streams: Type.Array(StreamSchema, {
      minItems: 1,
      description: 'The streams the ingest must be receiving.',
    }),
    rateWindowSec: Type.Number({
      exclusiveMinimum: 0,
      default: 10,
      description:
        'The receive rate is averaged over the readings of this many seconds (one keyframe-heavy second is not a drop).',
      examples: [10],
    }),
    quietAfterSec: Type.Number({
      exclusiveMinimum: 0,
      default: 15,
      description:
        'No `stream.state` about a stream for this long → critical: the ingest (or its monitoring) went quiet.',
      examples: [15],
    }),
    checkIntervalSec: Type.Number({
      exclusiveMinimum: 0,
      default: 5,
      description: 'How often quiet streams are looked for, and standing problems re-reported.',
      examples: [5],
    }),
  },
  { additionalProperties: false },
);

export type ChecksIngestConfig = Static<typeof configSchema>;
export type StreamConfig = Static<typeof StreamSchema>;
