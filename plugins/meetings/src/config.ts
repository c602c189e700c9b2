import { Type, type Static } from '@encoder-manager/sdk';
import { DEFAULTS } from './schema/defaults.js';
import { LinkSchema } from './schema/link.js';
import { ScrapeSchema } from './schema/scrape.js';
import { SourceSchema } from './schema/source.js';

export { DEFAULTS, LinkSchema, ScrapeSchema, SourceSchema };

/** The `meetings` plugin config. */
export const configSchema = Type.Object(
  {
    catalog: Type.Optional(
      Type.Array(Type.String({ minLength: 1 }), {
        default: [],
        description:
          'Names of shipped catalog entries to enable (`catalog/sources.yaml`); `"*"` enables all.',
        examples: [['det_board_of_education']],
      }),
    ),
    sources: Type.Optional(
      Type.Array(SourceSchema, {
        default: [],
        description: 'Station sources. An entry named like a catalog entry replaces it.',
      }),
    ),
    scrape: Type.Optional(ScrapeSchema),
    links: Type.Optional(
      Type.Array(LinkSchema, { default: [], description: 'Bodies whose meetings must be live.' }),
    ),
    liveCheckSec: Type.Optional(
      Type.Integer({
        minimum: 5,
        maximum: 600,
        default: DEFAULTS.liveCheckSec,
        description: 'How often the should-be-live check runs.',
      }),
    ),
  },
  {
    additionalProperties: false,
    description: 'Meeting schedules, change detection and the should-be-live check.',
  },
);

export type MeetingsConfig = Static<typeof configSchema>;
export type SourceConfig = Static<typeof SourceSchema>;
export type LinkConfig = Static<typeof LinkSchema>;
export type ScrapeConfig = Static<typeof ScrapeSchema>;
