import { definePlugin, scrapersRef, Type } from '@encoder-manager/sdk';
import { createCivicClerkScraper } from './civicclerk-scraper.js';

export {
  CIVICCLERK_DEFAULTS,
  civicClerkPaging,
  createCivicClerkScraper,
  parseCivicClerk,
} from './civicclerk-scraper.js';

/** The plugin has no settings of its own: per-source options come with each catalog entry. */
export const configSchema = Type.Object({}, { additionalProperties: false });

/** Reads CivicClerk (CivicPlus) meeting calendars through the public OData events API. */
export const scraperCivicClerkPlugin = definePlugin({
  name: 'scraper-civicclerk',
  version: '0.1.0',
  sdk: '^1.0.0',
  kind: 'scraper',
  description:
    'Meeting schedules from the CivicClerk OData events API (local times despite the Z suffix, published ' +
    'agenda files, @odata.nextLink paging).',
  configSchema,
  setup(ctx) {
    ctx.provide(scrapersRef, createCivicClerkScraper(ctx.log));
  },
});

export default scraperCivicClerkPlugin;
