import { Type, type Static } from '@encoder-manager/sdk';

/** The defaults the schema declares; the scraper falls back to the same values when a field is missing. */
export const DEFAULTS = {
  maxPages: 20,
} as const;

/** Plugin config. Per-source settings (title, default time …) live in the meeting-source catalog instead. */
export const configSchema = Type.Object(
  {
    maxPages: Type.Optional(
      Type.Integer({
        minimum: 1,
        maximum: 500,
        default: DEFAULTS.maxPages,
        description:
          'Pages read from each PDF. Meeting schedules are a page or two; the limit bounds the work a huge ' +
          'agenda packet can cause. Default 20.',
        examples: [20],
      }),
    ),
  },
  { additionalProperties: false, description: 'PDF meeting-schedule parser.' },
);

export type ScraperPdfConfig = Static<typeof configSchema>;
