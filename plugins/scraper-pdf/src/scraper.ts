import { EmError, type ParsedMeeting, type ScrapeInput, type Scraper } from '@encoder-manager/sdk';
import { DateTime } from 'luxon';
import { parseHhMm } from './dates.js';
import { buildLines, type Line } from './layout.js';
import { readOptions } from './options.js';
import { PdfReadError, readPdfText } from './pdf.js';
import { parseSchedule, ScheduleError } from './schedule.js';
import { DEFAULTS } from './config.js';

/** The scraper's name, and the catalog source type it handles. */
export const PDF_SCRAPER_NAME = 'pdf';
export const PDF_SOURCE_TYPES = ['pdf'] as const;

/** Settings for {@link createPdfScraper}. */
export interface PdfScraperOptions {
  /** Pages read per document; default 20. */
  readonly maxPages?: number;
}

function parseError(source: string, message: string, hint: string, cause?: unknown): EmError {
  return new EmError('EM_SCRAPE_PARSE', `${source}: ${message}`, {
    hint,
    details: { source },
    ...(cause === undefined ? {} : { cause }),
  });
}

/** The visual lines of a PDF, as the parsing rules see them (exported for diagnostics and tests). */
export async function readPdfLines(body: Uint8Array, maxPages: number = DEFAULTS.maxPages): Promise<Line[]> {
  const text = await readPdfText(body, maxPages);
  return buildLines(text.runs);
}

/**
 * Parses the lines of a meeting document with the catalog options of `input`. Split from `parse` so the
 * rules can be exercised on text without a PDF.
 */
export function parseMeetingLines(lines: readonly Line[], input: ScrapeInput): ParsedMeeting[] {
  const options = readOptions(input.source, input.options);
  const now = DateTime.fromMillis(input.now, { zone: input.timeZone });
  if (!now.isValid) {
    throw new EmError('EM_CONFIG_INVALID', `${input.source}: "${input.timeZone}" is not an IANA time zone`, {
      hint: 'Set the source\'s zone in the catalog to an IANA name such as "America/Chicago".',
      details: { source: input.source },
    });
  }
  try {
    return parseSchedule(lines, {
      url: input.url,
      currentYear: now.year,
      options,
      defaultTime: options.defaultTime === undefined ? undefined : parseHhMm(options.defaultTime),
    });
  } catch (error) {
    if (error instanceof ScheduleError) throw parseError(input.source, error.message, error.hint);
    throw error;
  }
}

/** A parser for meeting-schedule and agenda PDFs (`sourceTypes: ['pdf']`). */
export function createPdfScraper(settings: PdfScraperOptions = {}): Scraper {
  const maxPages = settings.maxPages ?? DEFAULTS.maxPages;
  return {
    name: PDF_SCRAPER_NAME,
    sourceTypes: PDF_SOURCE_TYPES,
    async parse(input: ScrapeInput): Promise<readonly ParsedMeeting[]> {
      // Options are checked before the document is read, so a catalog mistake is reported as one.
      readOptions(input.source, input.options);
      let lines: Line[];
      try {
        lines = await readPdfLines(input.body, maxPages);
      } catch (error) {
        if (error instanceof PdfReadError)
          throw parseError(input.source, error.message, error.hint, error.cause);
        throw parseError(
          input.source,
          `the PDF could not be read (${error instanceof Error ? error.message : String(error)})`,
          'Download the file by hand to see whether it opens; report a file that opens elsewhere as a parser bug.',
          error,
        );
      }
      if (lines.length === 0) {
        throw parseError(
          input.source,
          'the PDF has no text layer (a scanned image?)',
          'Scanned schedules cannot be read: ask the agency for a text PDF, or use another source for this body.',
        );
      }
      return parseMeetingLines(lines, input);
    },
  };
}
