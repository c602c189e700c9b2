import type { ParsedMeeting } from './meeting.js';
import type { ScrapeInput, Scraper } from './scraper.js';

/** A status a parser may read from free text (titles, notes, comments). */
export type TextStatusHint = 'cancelled' | 'rescheduled';

// "Postponed" and "will not be held" mean the meeting does not happen at the announced time: cancelled,
// as City Scrapers rules it. "Rescheduled" is kept apart so the agent can say the time moved.
const CANCELLED_WORDS = /\bcancel|\bpostpone|\bwill not be held\b/i;
const RESCHEDULED_WORDS = /\brescheduled\b/i;

/**
 * The status the texts announce, or undefined when none of them says cancelled/postponed/rescheduled.
 * Pass only fields a source uses for notices (title, location note, comment), not long agenda bodies,
 * which often carry boilerplate such as a "Cancellation" checkbox.
 */
export function statusHintFromText(
  ...texts: ReadonlyArray<string | null | undefined>
): TextStatusHint | undefined {
  const joined = texts.filter((text): text is string => typeof text === 'string').join('\n');
  if (CANCELLED_WORDS.test(joined)) return 'cancelled';
  if (RESCHEDULED_WORDS.test(joined)) return 'rescheduled';
  return undefined;
}

const NOTICE_WORDS = String.raw`(?:cancell?ed|postponed|rescheduled|will not be held)`;
const LEADING_NOTICE = new RegExp(String.raw`^\s*[([]?\s*${NOTICE_WORDS}\s*[)\]]?\s*[:\-–—|]+\s*`, 'i');
const TRAILING_NOTICE = new RegExp(String.raw`\s*(?:[:\-–—|]+\s*|\(\s*)${NOTICE_WORDS}\s*\)?\s*$`, 'i');

/**
 * A display title: non-breaking spaces and runs of whitespace collapsed, notice words such as
 * "CANCELLED:" or "- Postponed" removed (the status carries them), stray leading/trailing `| - :` trimmed.
 */
export function cleanMeetingTitle(title: string): string {
  return title
    .replace(/[\u00a0\s]+/g, ' ')
    .replace(LEADING_NOTICE, '')
    .replace(TRAILING_NOTICE, '')
    .replace(/^[\s|:\-–—]+|[\s|:\-–—]+$/g, '');
}

const CLOCK = /^(\d{1,2})(?:[:.](\d{2}))?\s*(a\.?\s*m\.?|p\.?\s*m\.?)?$/i;

/**
 * A free-text clock time as `HH:mm:ss`: "6:00 PM", "6 p.m.", "10:30am", "18:30", "noon", "midnight".
 * Undefined when the text is not a time (e.g. "TBD", "Immediately following").
 */
export function parseClockTime(text: string): string | undefined {
  const clean = text
    .replace(/\u00a0/g, ' ')
    .trim()
    .toLowerCase();
  if (clean === 'noon') return '12:00:00';
  if (clean === 'midnight') return '00:00:00';
  const match = CLOCK.exec(clean);
  if (!match) return undefined;
  let hour = Number(match[1]);
  const minute = Number(match[2] ?? '0');
  const meridiem = match[3]?.replace(/[^ap]/g, '');
  if (minute > 59 || (meridiem ? hour < 1 || hour > 12 : hour > 23)) return undefined;
  if (meridiem === 'p' && hour < 12) hour += 12;
  if (meridiem === 'a' && hour === 12) hour = 0;
  if (!meridiem && match[2] === undefined) return undefined; // a bare number is not a time
  return `${pad2(hour)}:${pad2(minute)}:00`;
}

function pad2(value: number): string {
  return String(value).padStart(2, '0');
}

/** What a fetcher needs to know to read a source spread over several documents (API pages). */
export interface ScrapePaging {
  /**
   * The URL to fetch first for a catalog source URL, e.g. with `$top`/`$filter` added; `now` is epoch ms
   * and `options` the catalog entry's parser options.
   */
  firstPageUrl(url: string, now: number, options?: Readonly<Record<string, unknown>>): string;
  /** The URL of the page after `input`, or undefined when `input` was the last page. */
  nextPageUrl(input: ScrapeInput): string | undefined;
}

/** A scraper whose sources are paged: the fetcher calls `paging` and `parse` once per page. */
export interface PagedScraper extends Scraper {
  readonly paging: ScrapePaging;
}

/** Whether a scraper reads paged sources (see {@link PagedScraper}). */
export function isPagedScraper(scraper: Scraper): scraper is PagedScraper {
  const paging = (scraper as Partial<PagedScraper>).paging;
  return typeof paging === 'object' && paging !== null && typeof paging.nextPageUrl === 'function';
}

/** Meetings from several pages of one source, without repeats of the same `sourceId` (pages can overlap). */
export function mergePages(pages: ReadonlyArray<readonly ParsedMeeting[]>): ParsedMeeting[] {
  const seen = new Set<string>();
  const merged: ParsedMeeting[] = [];
  for (const meeting of pages.flat()) {
    if (meeting.sourceId !== undefined) {
      if (seen.has(meeting.sourceId)) continue;
      seen.add(meeting.sourceId);
    }
    merged.push(meeting);
  }
  return merged;
}

/** The attributes of a scraped `<a>` that say where it goes. */
export interface ScrapedLink {
  /** The `href` attribute, as written (relative, `#`, `javascript:` …). */
  readonly href?: string | undefined;
  /** The `onclick` attribute, where video links keep their real URL. */
  readonly onclick?: string | undefined;
}

/**
 * The absolute URL a scraped link opens: the URL `scripted` captures (group 1) from its `onclick`, since
 * video links are `href="#"` or `javascript:` with the real URL in a `window.open('…')` handler; else its
 * `href`. Undefined when there is neither, or the URL does not resolve against `pageUrl`.
 */
export function scrapedLinkUrl(link: ScrapedLink, pageUrl: string, scripted: RegExp): string | undefined {
  const fromScript = scripted.exec(link.onclick ?? '')?.[1];
  const href = (link.href ?? '').trim();
  const target = fromScript ?? (href && href !== '#' && !/^javascript:/i.test(href) ? href : undefined);
  if (!target) return undefined;
  try {
    return new URL(target, pageUrl).toString();
  } catch {
    return undefined;
  }
}
