import { Type, type Static } from '@encoder-manager/sdk';

/** `plugins: ingest-nginx-rtmp: config:` */
export const IngestConfigSchema = Type.Object(
  {
    statUrl: Type.String({
      format: 'uri',
      description: 'nginx `location /stat { rtmp_stat all; }` URL.',
      examples: ['http://127.0.0.1:8080/stat'],
    }),
    pollIntervalMs: Type.Integer({ minimum: 100, default: 1000, description: 'How often /stat is read.' }),
    stallAfterMs: Type.Integer({
      minimum: 200,
      default: 2500,
      description:
        'A publishing stream whose bytes_in has not grown for this long is stalled (frozen encoder).',
    }),
    requestTimeoutMs: Type.Integer({ minimum: 100, default: 2000 }),
    callbacks: Type.Optional(
      Type.Object(
        {
          host: Type.String({ default: '127.0.0.1' }),
          port: Type.Integer({
            minimum: 0,
            maximum: 65535,
            examples: [18081],
            description: '0 = any free port (tests).',
          }),
        },
        {
          additionalProperties: false,
          description: 'Listen for on_publish / on_publish_done (nginx notify).',
        },
      ),
    ),
  },
  { additionalProperties: false },
);

export type IngestConfig = Static<typeof IngestConfigSchema>;
