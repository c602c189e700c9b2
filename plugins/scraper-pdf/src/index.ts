import { definePlugin, scrapersRef } from '@encoder-manager/sdk';
import { configSchema, DEFAULTS } from './config.js';
import { createPdfScraper, PDF_SCRAPER_NAME, PDF_SOURCE_TYPES } from './scraper.js';

export { configSchema, DEFAULTS, type ScraperPdfConfig } from './config.js';
export { findDates, findTimes, type DateMention, type TimeMention, type TimeOfDay } from './dates.js';
export { buildLines, normaliseText, type Cell, type Line, type TextRun } from './layout.js';
export { OPTION_NAMES, readOptions } from './options.js';
export { detectTitle, type PdfScheduleOptions } from './schedule.js';
export {
  createPdfScraper,
  parseMeetingLines,
  PDF_SCRAPER_NAME,
  PDF_SOURCE_TYPES,
  readPdfLines,
  type PdfScraperOptions,
} from './scraper.js';

/** Parses meeting schedules and agendas published as PDFs (annual calendars, meeting tables, notices). */
export const scraperPdfPlugin = definePlugin({
  name: 'scraper-pdf',
  version: '0.1.0',
  sdk: '^1.0.0',
  kind: 'scraper',
  description:
    'Reads council and board meeting dates, times, places and cancellations from PDF schedules, calendars ' +
    'and agendas, for the meetings plugin to schedule encoders.',
  configSchema,
  setup(ctx, config) {
    const maxPages = config.maxPages ?? DEFAULTS.maxPages;
    ctx.provide(scrapersRef, createPdfScraper({ maxPages }));
    ctx.log.info({ scraper: PDF_SCRAPER_NAME, sourceTypes: PDF_SOURCE_TYPES, maxPages }, 'PDF scraper ready');
  },
});

export default scraperPdfPlugin;
