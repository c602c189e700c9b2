import {
  EmError,
  type Logger,
  type PagedScraper,
  type ParsedMeeting,
  type ScrapeInput,
  type ScrapePaging,
} from '@encoder-manager/sdk';
import { meetingOf, type PortalContext } from './civicclerk-event.js';
import { readODataPage } from './documents.js';

const DAY_MS = 86_400_000;
/** Default look-back and look-ahead of the first page's date filter. */
export const CIVICCLERK_DEFAULTS = { sinceDays: 62, untilDays: 366 } as const;

/** Meetings of one CivicClerk `/v1/Events` page, in API order; deleted and undated events are skipped. */
export function parseCivicClerk(input: ScrapeInput, log?: Logger): ParsedMeeting[] {
  const page = readODataPage(input);
  const context = portalContext(input);
  const meetings = page.events.flatMap((event) => meetingOf(event, context) ?? []);
  log?.debug(
    { source: input.source, events: page.events.length, meetings: meetings.length },
    'parsed CivicClerk events',
  );
  return meetings;
}

function portalContext(input: ScrapeInput): PortalContext {
  const portal = optionString(input, 'portalUrl') ?? portalFromApi(input.url);
  return { portal: portal.replace(/\/+$/, ''), locationName: optionString(input, 'locationName') };
}

/** `https://{tenant}.api.civicclerk.com/...` → `https://{tenant}.portal.civicclerk.com`. */
function portalFromApi(apiUrl: string): string {
  const url = new URL(apiUrl);
  return `${url.protocol}//${url.host.replace(/\.api\.civicclerk\.com$/i, '.portal.civicclerk.com')}`;
}

function optionString(input: ScrapeInput, key: string): string | undefined {
  const value = input.options?.[key];
  if (value === undefined || typeof value === 'string') return value;
  throw new EmError('EM_CONFIG_INVALID', `${input.source}: option "${key}" must be a string`, {
    hint: `Fix options.${key} of source "${input.source}" in the meetings catalog.`,
  });
}

/**
 * Paging: the first page filters `startDateTime` to a window around now (unless the catalog URL already
 * has a `$filter`); later pages follow `@odata.nextLink`.
 */
export const civicClerkPaging: ScrapePaging = {
  firstPageUrl(url, now, options) {
    const target = new URL(url);
    if (target.searchParams.has('$filter')) return target.toString();
    const days = (key: 'sinceDays' | 'untilDays'): number =>
      typeof options?.[key] === 'number' ? options[key] : CIVICCLERK_DEFAULTS[key];
    const date = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
    const from = date(now - days('sinceDays') * DAY_MS);
    const to = date(now + days('untilDays') * DAY_MS);
    target.searchParams.set('$filter', `startDateTime ge ${from} and startDateTime le ${to}`);
    target.searchParams.set('$orderby', 'startDateTime');
    return target.toString();
  },
  nextPageUrl(input) {
    const next = readODataPage(input).nextLink;
    return next ? new URL(next, input.url).toString() : undefined;
  },
};

/** The CivicClerk scraper (source type `civicclerk`). */
export function createCivicClerkScraper(log?: Logger): PagedScraper {
  return {
    name: 'civicclerk',
    sourceTypes: ['civicclerk'],
    paging: civicClerkPaging,
    async parse(input) {
      return parseCivicClerk(input, log);
    },
  };
}
