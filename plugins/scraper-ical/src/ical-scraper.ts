import {
  EmError,
  type Logger,
  type ParsedMeeting,
  type ScrapeInput,
  type Scraper,
} from '@encoder-manager/sdk';
import { IANAZone } from 'luxon';
import { readIcalDocument } from './ical-document.js';
import { meetingsOf } from './ical-events.js';
import { icalOptions } from './options.js';

/** The source types this scraper reads. */
export const ICAL_SOURCE_TYPES = ['ical'] as const;

/** A scraper for iCalendar feeds (source type `ical`). */
export function createIcalScraper(log?: Logger): Scraper {
  return {
    name: 'ical',
    sourceTypes: ICAL_SOURCE_TYPES,
    async parse(input: ScrapeInput): Promise<readonly ParsedMeeting[]> {
      return parseIcal(input, log);
    },
  };
}

/** Parses one fetched iCalendar document into meetings in `input.timeZone` wall-clock time. */
export function parseIcal(input: ScrapeInput, log?: Logger): ParsedMeeting[] {
  if (!IANAZone.isValidZone(input.timeZone)) {
    throw new EmError('EM_CONFIG_INVALID', `${input.source}: "${input.timeZone}" is not an IANA time zone`, {
      hint: 'Set timeZone of the source to an IANA name such as America/Detroit.',
    });
  }
  const options = icalOptions(input.source, input.options);
  const document = readIcalDocument(input);
  const meetings = meetingsOf(document, { input, options, zones: document.zones });
  log?.debug(
    { source: input.source, events: document.events.length, meetings: meetings.length },
    'parsed iCalendar feed',
  );
  return meetings;
}
