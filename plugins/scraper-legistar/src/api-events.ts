import {
  cleanMeetingTitle,
  parseClockTime,
  statusHintFromText,
  type Logger,
  type MeetingLink,
  type ParsedMeeting,
  type ScrapeInput,
} from '@encoder-manager/sdk';
import { jsonOf, nonEmpty, parseError, stringOption } from './documents.js';

const EXPECTED = 'a Legistar Web API events reply (a JSON array of events)';

/** The fields of a Legistar Web API event the scraper reads (GranicusEvent). */
interface LegistarEvent {
  readonly EventId?: unknown;
  readonly EventBodyName?: unknown;
  readonly EventDate?: unknown;
  readonly EventTime?: unknown;
  readonly EventLocation?: unknown;
  readonly EventComment?: unknown;
  readonly EventAgendaStatusName?: unknown;
  readonly EventMinutesStatusName?: unknown;
  readonly EventAgendaFile?: unknown;
  readonly EventMinutesFile?: unknown;
  readonly EventVideoPath?: unknown;
  readonly EventInSiteURL?: unknown;
}

/**
 * Meetings of one page of `GET /v1/{client}/events`. The start is `EventDate` (always local midnight) plus
 * the free-text `EventTime`; an event whose time is empty or not a time is skipped with a warning, as
 * python-legistar-scraper does, unless the `defaultTime` option supplies one.
 */
export function parseLegistarApi(input: ScrapeInput, log?: Logger): ParsedMeeting[] {
  const rows = eventsOf(input);
  const defaultTime = stringOption(input, 'defaultTime');
  const meetings: ParsedMeeting[] = [];
  const skipped: string[] = [];
  for (const row of rows) {
    const meeting = meetingOf(input, row, defaultTime);
    if (meeting) meetings.push(meeting);
    else skipped.push(String(row.EventId ?? '?'));
  }
  if (skipped.length > 0) {
    log?.warn(
      { source: input.source, eventIds: skipped },
      'Legistar events without a usable EventDate/EventTime skipped',
    );
  }
  return meetings;
}

function eventsOf(input: ScrapeInput): LegistarEvent[] {
  const json = jsonOf(input, EXPECTED);
  if (Array.isArray(json)) {
    const events = json.filter((row): row is LegistarEvent => typeof row === 'object' && row !== null);
    if (events.length === json.length && (json.length === 0 || events.some(hasDate))) return events;
    throw parseError(input, 'the array holds no Legistar events (objects with an EventDate)', EXPECTED);
  }
  // The API answers errors with {"Message": "..."} (HTTP 400); say what it said.
  const message =
    typeof json === 'object' && json !== null ? nonEmpty((json as { Message?: unknown }).Message) : undefined;
  throw parseError(
    input,
    message ? `Legistar replied "${message}"` : 'expected a JSON array of events',
    EXPECTED,
  );
}

function hasDate(row: LegistarEvent): boolean {
  return typeof row.EventDate === 'string' && /^\d{4}-\d{2}-\d{2}/.test(row.EventDate);
}

function meetingOf(
  input: ScrapeInput,
  row: LegistarEvent,
  defaultTime: string | undefined,
): ParsedMeeting | undefined {
  const date = hasDate(row) ? String(row.EventDate).slice(0, 10) : undefined;
  const statedTime = parseClockTime(nonEmpty(row.EventTime) ?? '');
  const time = statedTime ?? (defaultTime ? parseClockTime(defaultTime) : undefined);
  const body = nonEmpty(row.EventBodyName);
  if (!date || !time || !body) return undefined;
  const location = nonEmpty(row.EventLocation);
  const statusHint = statusOf(row);
  return {
    title: cleanMeetingTitle(body),
    body: cleanMeetingTitle(body),
    start: `${date}T${time}`,
    allDay: false,
    ...(location ? { location: { name: location } } : {}),
    ...(statusHint ? { statusHint } : {}),
    links: linksOf(row),
    ...(statedTime
      ? {}
      : {
          timeNotes: `No time published (EventTime "${String(row.EventTime ?? '')}"); confirm details with agency`,
        }),
    sourceUrl: nonEmpty(row.EventInSiteURL) ?? input.url,
    ...(row.EventId !== undefined ? { sourceId: String(row.EventId) } : {}),
  };
}

/** Cancellation text may sit in any of these fields; a published, non-draft agenda confirms the meeting. */
function statusOf(row: LegistarEvent): ParsedMeeting['statusHint'] {
  const fromText = statusHintFromText(
    nonEmpty(row.EventBodyName),
    nonEmpty(row.EventLocation),
    nonEmpty(row.EventComment),
    nonEmpty(row.EventAgendaStatusName),
    nonEmpty(row.EventMinutesStatusName),
  );
  if (fromText) return fromText;
  const agendaStatus = nonEmpty(row.EventAgendaStatusName) ?? '';
  return nonEmpty(row.EventAgendaFile) && !/draft/i.test(agendaStatus) ? 'confirmed' : undefined;
}

function linksOf(row: LegistarEvent): MeetingLink[] {
  const candidates: Array<[MeetingLink['kind'], string, unknown]> = [
    ['agenda', 'Agenda', row.EventAgendaFile],
    ['minutes', 'Minutes', row.EventMinutesFile],
    ['video', 'Video', row.EventVideoPath],
  ];
  return candidates.flatMap(([kind, title, url]) => {
    const href = nonEmpty(url);
    return href && /^https?:\/\//i.test(href) ? [{ kind, title, url: href }] : [];
  });
}
