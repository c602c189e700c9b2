import { Type } from '@encoder-manager/sdk';

/** One meeting source: the same shape in `catalog/sources.yaml` and in the station config. */
export const SourceSchema = Type.Object(
  {
    name: Type.String({
      pattern: '^[a-z0-9][a-z0-9_-]*$',
      maxLength: 100,
      description: 'Stable source name, the prefix of meeting ids (lower-case letters, digits, _ and -).',
      examples: ['det_board_of_education'],
    }),
    city: Type.String({ minLength: 1, description: 'City or county.', examples: ['Detroit'] }),
    body: Type.String({
      minLength: 1,
      description: 'Public body the source lists.',
      examples: ['City Council'],
    }),
    type: Type.String({
      minLength: 1,
      description: 'Source type; a scraper plugin whose `sourceTypes` include it parses the document.',
      examples: ['ical', 'pdf-calendar', 'legistar-api'],
    }),
    url: Type.String({ pattern: '^https?://', description: 'Document URL (http or https).' }),
    timeZone: Type.String({
      minLength: 1,
      description: 'IANA zone of the agency; parsers give local times in it.',
      examples: ['America/Detroit'],
    }),
    priority: Type.Optional(
      Type.Integer({
        minimum: 1,
        default: 1,
        description: 'Order within the body: 1 is the primary, 2 the first fallback, and so on.',
      }),
    ),
    merge: Type.Optional(
      Type.Boolean({
        default: false,
        description: 'Scrape on every run and merge in, instead of only when higher-priority sources fail.',
      }),
    ),
    intervalMin: Type.Optional(
      Type.Integer({ minimum: 5, description: 'Minutes between scrapes. Default: `scrape.intervalMin`.' }),
    ),
    enabled: Type.Optional(
      Type.Boolean({ default: true, description: 'False keeps the entry but never scrapes it.' }),
    ),
    options: Type.Optional(
      Type.Record(Type.String(), Type.Unknown(), {
        description: 'Parser options handed to the scraper (`defaultTime`, `title`, `location` …).',
        examples: [{ defaultTime: '09:00' }],
      }),
    ),
  },
  { additionalProperties: false, description: 'A meeting source.' },
);
