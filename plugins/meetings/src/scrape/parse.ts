import {
  EmError,
  errorMessageOf,
  type ParsedMeeting,
  type Scraper,
  type ScrapeInput,
} from '@encoder-manager/sdk';

/** The scraper for a source type: the first enabled one that lists it. */
export function scraperFor(type: string, source: string, scrapers: readonly Scraper[]): Scraper {
  const scraper = scrapers.find((candidate) => candidate.sourceTypes.includes(type));
  if (scraper) return scraper;
  const known = [...new Set(scrapers.flatMap((s) => s.sourceTypes))].sort();
  throw new EmError('EM_SERVICE_MISSING', `${source}: no enabled scraper handles source type "${type}"`, {
    hint: `Enable the scraper plugin for "${type}" (scraper-ical, scraper-pdf …). Types available: ${known.join(', ') || 'none'}.`,
  });
}

/**
 * Runs a parser and makes sure whatever goes wrong is an `EM_SCRAPE_PARSE` error that names the source:
 * parsers are third-party code, and a garbled document must never take the scrape loop down with it.
 */
export async function parseDocument(scraper: Scraper, input: ScrapeInput): Promise<readonly ParsedMeeting[]> {
  let items: unknown;
  try {
    items = await scraper.parse(input);
  } catch (error) {
    throw asParseError(error, input.source, scraper.name);
  }
  if (!Array.isArray(items)) {
    throw new EmError(
      'EM_SCRAPE_PARSE',
      `${input.source}: parser ${scraper.name} returned no list of meetings`,
      {
        hint: 'This is a bug in the scraper plugin; report it with the source document.',
      },
    );
  }
  return items as ParsedMeeting[];
}

/** The items, unless there are none: an empty schedule counts as a failed scrape (and moves on to a fallback). */
export function requireMeetings(
  items: readonly ParsedMeeting[],
  source: string,
  url: string,
): readonly ParsedMeeting[] {
  if (items.length > 0) return items;
  throw new EmError('EM_SCRAPE_PARSE', `${source}: no meetings found in ${url}`, {
    hint: 'The page may have moved or changed layout; check the URL and the parser options.',
  });
}

function asParseError(error: unknown, source: string, parser: string): EmError {
  const message = errorMessageOf(error);
  const named = message.includes(source) ? message : `${source}: ${message}`;
  if (error instanceof EmError && error.code === 'EM_SCRAPE_PARSE' && named === message) return error;
  return new EmError('EM_SCRAPE_PARSE', named, {
    cause: error,
    hint:
      (error instanceof EmError && error.hint) ||
      `Parser ${parser} could not read the document; check that the URL still serves it.`,
  });
}
