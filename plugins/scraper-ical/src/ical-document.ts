import ICAL from 'ical.js';
import { EmError, type ScrapeInput } from '@encoder-manager/sdk';
import type { DocumentZones } from './ical-time.js';

/** The parts of a feed the scraper reads. */
export interface IcalDocument {
  readonly events: readonly ICAL.Component[];
  readonly zones: DocumentZones;
}

/**
 * Parses the fetched bytes as iCalendar (RFC 5545: folded lines, escapes, CRLF or LF). Anything that is not
 * a VCALENDAR — HTML error pages, JSON, truncated feeds — is an `EM_SCRAPE_PARSE` naming the source.
 */
export function readIcalDocument(input: ScrapeInput): IcalDocument {
  const text = new TextDecoder('utf-8').decode(input.body).replace(/^\uFEFF/, '');
  const calendars = parseCalendars(input, text);
  const events = calendars.flatMap((calendar) => calendar.getAllSubcomponents('vevent'));
  const zones = new Map<string, ICAL.Timezone>();
  for (const vtimezone of calendars.flatMap((calendar) => calendar.getAllSubcomponents('vtimezone'))) {
    const tzid = vtimezone.getFirstPropertyValue('tzid');
    if (typeof tzid === 'string') zones.set(tzid, new ICAL.Timezone(vtimezone));
  }
  return { events, zones };
}

function parseCalendars(input: ScrapeInput, text: string): ICAL.Component[] {
  if (!/^\s*BEGIN:VCALENDAR/i.test(text)) {
    throw parseError(input, `the document does not start with BEGIN:VCALENDAR ("${preview(text)}")`);
  }
  let parsed: unknown;
  try {
    parsed = ICAL.parse(text);
  } catch (cause) {
    throw parseError(
      input,
      `invalid iCalendar: ${cause instanceof Error ? cause.message : String(cause)}`,
      cause,
    );
  }
  // ICAL.parse returns one jCal component, or an array of them when the text holds several calendars.
  const jcals = Array.isArray(parsed) && typeof parsed[0] === 'string' ? [parsed] : (parsed as unknown[]);
  return jcals.map((jcal) => new ICAL.Component(jcal as unknown[]));
}

function preview(text: string): string {
  return text.slice(0, 40).replace(/[^\x20-\x7e]/g, '?');
}

/** An `EM_SCRAPE_PARSE` for an iCalendar source. */
export function parseError(input: ScrapeInput, what: string, cause?: unknown): EmError {
  return new EmError('EM_SCRAPE_PARSE', `${input.source}: ${what}`, {
    hint: `Check that ${input.url} serves an iCalendar feed (text/calendar) and that the source type "ical" is right.`,
    details: { url: input.url, contentType: input.contentType },
    cause,
  });
}
