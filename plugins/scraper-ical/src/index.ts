import { definePlugin, scrapersRef, Type } from '@encoder-manager/sdk';
import { createIcalScraper } from './ical-scraper.js';

export { createIcalScraper, parseIcal, ICAL_SOURCE_TYPES } from './ical-scraper.js';
export { icalOptions, ICAL_DEFAULTS, type IcalOptions } from './options.js';

/** The plugin has no settings of its own: per-source options come with each catalog entry. */
export const configSchema = Type.Object({}, { additionalProperties: false });

/** Reads iCalendar feeds (source type `ical`) for the meetings plugin. */
export const scraperIcalPlugin = definePlugin({
  name: 'scraper-ical',
  version: '0.1.0',
  sdk: '^1.0.0',
  kind: 'scraper',
  description:
    'Meeting schedules from iCalendar feeds: UTC and TZID times, folded lines, all-day events, recurrences ' +
    '(RRULE/EXDATE/RECURRENCE-ID) expanded around now, and STATUS:CANCELLED.',
  configSchema,
  setup(ctx) {
    ctx.provide(scrapersRef, createIcalScraper(ctx.log));
  },
});

export default scraperIcalPlugin;
