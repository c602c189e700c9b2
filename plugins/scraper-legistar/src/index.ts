import { definePlugin, scrapersRef, Type } from '@encoder-manager/sdk';
import { createLegistarApiScraper, createLegistarGridScraper } from './scrapers.js';

export { parseLegistarApi } from './api-events.js';
export { DEFAULT_SINCE_DAYS, LEGISTAR_MAX_PAGE, legistarApiPages, legistarApiPaging } from './api-paging.js';
export { gridRowsFromHtml } from './grid-html.js';
export { parseLegistarGrid } from './grid-meetings.js';
export type { GridCell, GridRow } from './grid-rows.js';
export { createLegistarApiScraper, createLegistarGridScraper } from './scrapers.js';

/** The plugin has no settings of its own: per-source options come with each catalog entry. */
export const configSchema = Type.Object({}, { additionalProperties: false });

/** Reads Legistar meeting calendars: the Web API (`legistar-api`) and the Calendar.aspx grid (`legistar-grid`). */
export const scraperLegistarPlugin = definePlugin({
  name: 'scraper-legistar',
  version: '0.1.0',
  sdk: '^1.0.0',
  kind: 'scraper',
  description:
    'Meeting schedules from Legistar: Web API events (paged with $top/$skip, EventDate + EventTime, agenda/' +
    'minutes/video links) and the Calendar.aspx grid.',
  configSchema,
  setup(ctx) {
    ctx.provide(scrapersRef, createLegistarApiScraper(ctx.log));
    ctx.provide(scrapersRef, createLegistarGridScraper(ctx.log));
  },
});

export default scraperLegistarPlugin;
