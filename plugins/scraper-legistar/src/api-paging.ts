import type { ScrapeInput, ScrapePaging } from '@encoder-manager/sdk';
import { integerOption, jsonOf } from './documents.js';

/** The Legistar Web API returns at most 1000 rows per request. */
export const LEGISTAR_MAX_PAGE = 1000;
/** Days of past meetings the first page asks for (`sinceDays` option). */
export const DEFAULT_SINCE_DAYS = 62;
const DAY_MS = 86_400_000;

/**
 * The page URLs of a Legistar Web API events query, endlessly: `$top`/`$skip` pages of events dated on or
 * after `since` (`YYYY-MM-DD`), oldest first. The caller stops after the first page with fewer than
 * `pageSize` rows (the API has no total count). Query parameters already on `baseUrl` (e.g. `token`) stay.
 */
export function* legistarApiPages(
  baseUrl: string,
  since: string,
  pageSize = LEGISTAR_MAX_PAGE,
): Generator<string> {
  for (let page = 0; ; page += 1) yield pageUrl(baseUrl, since, pageSize, page * pageSize);
}

function pageUrl(baseUrl: string, since: string, top: number, skip: number): string {
  const url = new URL(baseUrl);
  url.searchParams.set('$filter', `EventDate ge datetime'${since}'`);
  url.searchParams.set('$orderby', 'EventDate,EventId');
  url.searchParams.set('$top', String(top));
  url.searchParams.set('$skip', String(skip));
  return url.toString();
}

/** Paging of `legistar-api` sources, for a fetcher that loops (see the README). */
export const legistarApiPaging: ScrapePaging = {
  firstPageUrl(url, now, options) {
    const sinceDays = typeof options?.['sinceDays'] === 'number' ? options['sinceDays'] : DEFAULT_SINCE_DAYS;
    const pageSize = typeof options?.['pageSize'] === 'number' ? options['pageSize'] : LEGISTAR_MAX_PAGE;
    const since = new Date(now - sinceDays * DAY_MS).toISOString().slice(0, 10);
    return legistarApiPages(url, since, pageSize).next().value as string;
  },
  nextPageUrl(input: ScrapeInput) {
    const rows = jsonOf(input, 'Legistar Web API events JSON');
    const url = new URL(input.url);
    const top = Number(
      url.searchParams.get('$top') ?? integerOption(input, 'pageSize', LEGISTAR_MAX_PAGE, 1, 1000),
    );
    if (!Array.isArray(rows) || rows.length < top) return undefined;
    url.searchParams.set('$skip', String(Number(url.searchParams.get('$skip') ?? '0') + top));
    return url.toString();
  },
};
