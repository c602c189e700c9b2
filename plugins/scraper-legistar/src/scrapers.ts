import type { Logger, PagedScraper, ParsedMeeting, ScrapeInput, Scraper } from '@encoder-manager/sdk';
import { parseLegistarApi } from './api-events.js';
import { legistarApiPaging } from './api-paging.js';
import { parseLegistarGrid } from './grid-meetings.js';

/** The Legistar Web API scraper (source type `legistar-api`); paged, see {@link legistarApiPaging}. */
export function createLegistarApiScraper(log?: Logger): PagedScraper {
  return {
    name: 'legistar-api',
    sourceTypes: ['legistar-api'],
    paging: legistarApiPaging,
    async parse(input: ScrapeInput): Promise<readonly ParsedMeeting[]> {
      return parseLegistarApi(input, log);
    },
  };
}

/** The Legistar Calendar.aspx grid scraper (source type `legistar-grid`). */
export function createLegistarGridScraper(log?: Logger): Scraper {
  return {
    name: 'legistar-grid',
    sourceTypes: ['legistar-grid'],
    async parse(input: ScrapeInput): Promise<readonly ParsedMeeting[]> {
      return parseLegistarGrid(input, log);
    },
  };
}
