import {
  cleanMeetingTitle,
  parseClockTime,
  statusHintFromText,
  type MeetingLink,
  type MeetingLocation,
  type ParsedMeeting,
  type ScrapeInput,
} from '@encoder-manager/sdk';
import { localDate, localDateTime, localTime } from './datetime.js';
import { readSpec, type FieldReader } from './fields.js';
import type { ResolvedOptions } from './options.js';

const NO_TIME_NOTE = 'No time published; confirm details with agency';

/** A meeting from one item/row, or undefined when its title or start cannot be read. */
export function meetingOf(
  read: FieldReader,
  input: ScrapeInput,
  options: ResolvedOptions,
): ParsedMeeting | undefined {
  const { fields } = options;
  const rawTitle = readSpec(read, fields.title);
  const when = timesOf(read, input, options);
  const title = rawTitle ? cleanMeetingTitle(rawTitle) : '';
  if (!title || !when) return undefined;
  const notes = (fields.notes ?? []).map((spec) => readSpec(read, spec));
  const statusHint = statusHintFromText(rawTitle, ...notes);
  const location = locationOf(read, options);
  const sourceId = readSpec(read, fields.id);
  return {
    title,
    start: when.start,
    ...(when.end && when.end > when.start ? { end: when.end } : {}),
    allDay: false,
    ...(location ? { location } : {}),
    ...(statusHint ? { statusHint } : {}),
    links: linksOf(read, options, input.url),
    ...(when.note ? { timeNotes: when.note } : {}),
    sourceUrl: readSpec(read, fields.sourceUrl) ?? input.url,
    ...(sourceId ? { sourceId } : {}),
  };
}

interface Times {
  readonly start: string;
  readonly end?: string;
  readonly note?: string;
}

function timesOf(read: FieldReader, input: ScrapeInput, options: ResolvedOptions): Times | undefined {
  const { fields, startFormat } = options;
  const zone = input.timeZone;
  if (fields.start) {
    const raw = readSpec(read, fields.start);
    const start = raw ? localDateTime(raw, zone, options, startFormat) : undefined;
    const rawEnd = readSpec(read, fields.end);
    const end = rawEnd ? localDateTime(rawEnd, zone, options, startFormat) : undefined;
    return start ? { start, ...(end ? { end } : {}) } : undefined;
  }
  const rawDate = readSpec(read, fields.date);
  const date = rawDate ? localDate(rawDate, options.dateFormat) : undefined;
  if (!date) return undefined;
  const rawTime = readSpec(read, fields.time);
  const stated = rawTime ? localTime(rawTime, options.timeFormat) : undefined;
  const time =
    stated ?? (options.defaultTime ? parseClockTime(options.defaultTime) : undefined) ?? '00:00:00';
  const rawEndTime = readSpec(read, fields.endTime);
  const endTime = rawEndTime ? localTime(rawEndTime, options.timeFormat) : undefined;
  return {
    start: `${date}T${time}`,
    ...(endTime ? { end: `${date}T${endTime}` } : {}),
    ...(stated ? {} : { note: NO_TIME_NOTE }),
  };
}

function locationOf(read: FieldReader, options: ResolvedOptions): MeetingLocation | undefined {
  const name = readSpec(read, options.fields.locationName);
  const address = readSpec(read, options.fields.locationAddress);
  return name || address ? { ...(name ? { name } : {}), ...(address ? { address } : {}) } : undefined;
}

function linksOf(read: FieldReader, options: ResolvedOptions, base: string): MeetingLink[] {
  return (options.fields.links ?? []).flatMap((spec) => {
    const raw = readSpec(read, spec.url);
    if (!raw) return [];
    try {
      const url = new URL(raw, base).toString();
      return /^https?:/i.test(url) ? [{ kind: spec.kind, title: spec.title, url }] : [];
    } catch {
      return [];
    }
  });
}
