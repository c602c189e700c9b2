import {
  definePlugin,
  EmError,
  errorMessageOf,
  scrapersRef,
  Type,
  type PagedScraper,
  type ParsedMeeting,
  type Scraper,
} from '@encoder-manager/sdk';

/** The source type the test scraper handles. */
export const TEST_JSON_TYPE = 'test-json';

/** One meeting in the simple JSON format the test server serves. */
export interface TestJsonMeeting {
  readonly title: string;
  /** The public body, when the document names one. */
  readonly body?: string;
  /** Local wall-clock `YYYY-MM-DDTHH:mm:ss`. */
  readonly start: string;
  readonly end?: string;
  readonly id?: string;
  readonly cancelled?: boolean;
  readonly location?: string;
  readonly links?: readonly { readonly title: string; readonly url: string }[];
}

/** A document: `{ "meetings": [...] }`; a page of a paged source also has `next`, a URL relative to it. */
export interface TestJsonDocument {
  readonly meetings: readonly TestJsonMeeting[];
  readonly next?: string;
}

/** The source type of the paged variant. */
export const TEST_JSON_PAGED_TYPE = 'test-json-paged';

/**
 * A real Scraper for a tiny JSON format, so the meetings plugin is tested against the scraper contract
 * without depending on the parser plugins being built alongside it. Garbled JSON, or JSON without a
 * `meetings` list, throws EM_SCRAPE_PARSE naming the source, as the contract requires.
 */
export const testJsonScraper: Scraper = {
  name: 'test-json',
  sourceTypes: [TEST_JSON_TYPE],
  async parse(input) {
    let document: unknown;
    try {
      document = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(input.body));
    } catch (error) {
      throw new EmError('EM_SCRAPE_PARSE', `${input.source}: not JSON (${errorMessageOf(error)})`, {
        hint: 'The source served something other than the expected JSON document.',
      });
    }
    const meetings = (document as Partial<TestJsonDocument> | null)?.meetings;
    if (!Array.isArray(meetings)) {
      throw new EmError('EM_SCRAPE_PARSE', `${input.source}: JSON has no "meetings" list`);
    }
    return meetings.map((m: TestJsonMeeting) => toParsed(m, input.url));
  },
};

/**
 * The same format read as a paged API (the SDK's PagedScraper contract): the first page is the catalog
 * URL with `?page=1`, each page names the next one in `next`.
 */
export const testPagedJsonScraper: PagedScraper = {
  name: 'test-json-paged',
  sourceTypes: [TEST_JSON_PAGED_TYPE],
  parse: (input) => testJsonScraper.parse(input),
  paging: {
    firstPageUrl: (url) => `${url}?page=1`,
    nextPageUrl(input) {
      const next = (JSON.parse(Buffer.from(input.body).toString('utf8')) as TestJsonDocument).next;
      return next ? new URL(next, input.url).href : undefined;
    },
  },
};

function toParsed(m: TestJsonMeeting, url: string): ParsedMeeting {
  return {
    title: m.title,
    ...(m.body ? { body: m.body } : {}),
    start: m.start,
    ...(m.end ? { end: m.end } : {}),
    allDay: false,
    ...(m.id ? { sourceId: m.id } : {}),
    ...(m.cancelled ? { statusHint: 'cancelled' as const } : {}),
    ...(m.location ? { location: { name: m.location } } : {}),
    links: (m.links ?? []).map((link) => ({ kind: 'agenda' as const, title: link.title, url: link.url })),
    sourceUrl: url,
  };
}

/** The same scraper as a plugin definition, the way a scraper package would ship it. */
export const testJsonScraperPlugin = definePlugin({
  name: 'scraper-test-json',
  version: '0.0.0',
  sdk: '^1.0.0',
  kind: 'scraper',
  configSchema: Type.Object({}),
  setup(ctx) {
    ctx.provide(scrapersRef, testJsonScraper);
    ctx.provide(scrapersRef, testPagedJsonScraper);
  },
});
