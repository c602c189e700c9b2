import { definePlugin, scrapersRef, Type } from '@encoder-manager/sdk';
import { createGenericScraper } from './generic-scraper.js';

export { createGenericScraper, parseGeneric } from './generic-scraper.js';
export { GenericOptionsSchema, type GenericOptions } from './options.js';

/** The plugin has no settings of its own: per-source options come with each catalog entry. */
export const configSchema = Type.Object({}, { additionalProperties: false });

/** A JSON/HTML meeting adapter configured entirely by the catalog entry's options. */
export const scraperGenericPlugin = definePlugin({
  name: 'scraper-generic',
  version: '0.1.0',
  sdk: '^1.0.0',
  kind: 'scraper',
  description:
    'Meeting schedules from any JSON array (JSONPath field mapping) or HTML list (CSS selectors), with date/' +
    'time formats, include/exclude filters and de-duplication set per source.',
  configSchema,
  setup(ctx) {
    ctx.provide(scrapersRef, createGenericScraper(ctx.log));
  },
});

export default scraperGenericPlugin;
