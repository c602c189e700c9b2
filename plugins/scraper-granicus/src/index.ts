import { definePlugin, scrapersRef, Type } from '@encoder-manager/sdk';
import { createGranicusScraper } from './granicus-scraper.js';

export { createGranicusScraper, parseGranicus } from './granicus-scraper.js';
export { parseGranicusDate, type GranicusDate } from './granicus-date.js';
export { granicusOptions, type GranicusOptions } from './options.js';

/** The plugin has no settings of its own: per-source options come with each catalog entry. */
export const configSchema = Type.Object({}, { additionalProperties: false });

/** Reads Granicus ViewPublisher pages (archive panels and the upcoming-events table). */
export const scraperGranicusPlugin = definePlugin({
  name: 'scraper-granicus',
  version: '0.1.0',
  sdk: '^1.0.0',
  kind: 'scraper',
  description:
    'Meeting schedules from Granicus ViewPublisher pages: archive panels per body and the upcoming-events ' +
    'table, with agenda, minutes and video links.',
  configSchema,
  setup(ctx) {
    ctx.provide(scrapersRef, createGranicusScraper(ctx.log));
  },
});

export default scraperGranicusPlugin;
