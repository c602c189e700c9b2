import type { Logger, ParsedMeeting, ScrapeInput, Scraper } from '@encoder-manager/sdk';
import { IANAZone } from 'luxon';
import { bodyText, optionError, parseError } from './errors.js';
import { readSpec, type FieldReader } from './fields.js';
import { htmlRowReaders } from './html-items.js';
import { jsonItemReaders } from './json-items.js';
import { resolveOptions, type ResolvedOptions } from './options.js';
import { meetingOf } from './record.js';

/**
 * Meetings of a JSON or HTML document mapped by the source's options: JSON when `items` is set or the body
 * is JSON, HTML (then `rows` is required) otherwise. Items failing `include`/`exclude` are dropped, and
 * repeats of the same start and title too (unless `dedupe: false`).
 */
export function parseGeneric(input: ScrapeInput, log?: Logger): ParsedMeeting[] {
  if (!IANAZone.isValidZone(input.timeZone))
    throw optionError(input, 'timeZone', `"${input.timeZone}" is not an IANA zone`);
  const options = resolveOptions(input);
  const readers = isJson(input, options)
    ? jsonItemReaders(input, options.items)
    : htmlRowReaders(input, options.rows);
  const wanted = readers.filter((read) => passesFilters(read, input, options));
  const parsed = wanted.map((read) => meetingOf(read, input, options));
  const meetings = parsed.filter((m): m is ParsedMeeting => m !== undefined);
  if (wanted.length > 0 && meetings.length === 0) {
    throw parseError(
      input,
      `none of the ${wanted.length} items has a title and a start the options can read`,
    );
  }
  const result = options.dedupe === false ? meetings : withoutRepeats(meetings);
  log?.debug(
    { source: input.source, items: readers.length, meetings: result.length },
    'parsed generic source',
  );
  return result;
}

function isJson(input: ScrapeInput, options: ResolvedOptions): boolean {
  if (options.items) return true;
  if (options.rows) return false;
  return /^\s*[[{]/.test(bodyText(input));
}

function passesFilters(read: FieldReader, input: ScrapeInput, options: ResolvedOptions): boolean {
  const valueOf = (field: string): string => {
    const spec = (options.fields as Record<string, unknown>)[field];
    if (typeof spec !== 'string')
      throw optionError(input, 'include/exclude', `names "${field}", which is not a text field`);
    return readSpec(read, spec) ?? '';
  };
  return (
    options.includePatterns.every(([field, pattern]) => pattern.test(valueOf(field))) &&
    !options.excludePatterns.some(([field, pattern]) => pattern.test(valueOf(field)))
  );
}

function withoutRepeats(meetings: readonly ParsedMeeting[]): ParsedMeeting[] {
  const seen = new Set<string>();
  return meetings.filter((meeting) => {
    const key = `${meeting.start}|${meeting.title.toLowerCase()}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** The generic adapter (source type `generic`). */
export function createGenericScraper(log?: Logger): Scraper {
  return {
    name: 'generic',
    sourceTypes: ['generic'],
    async parse(input) {
      return parseGeneric(input, log);
    },
  };
}
