import type ICAL from 'ical.js';
import {
  cleanMeetingTitle,
  statusHintFromText,
  type MeetingLink,
  type ParsedMeeting,
  type ScrapeInput,
} from '@encoder-manager/sdk';
import { resolveTime, type DocumentZones, type ResolvedTime } from './ical-time.js';
import type { IcalOptions } from './options.js';

/** What turning one VEVENT (or one instance of it) into a meeting needs. */
export interface MeetingContext {
  readonly input: ScrapeInput;
  readonly options: IcalOptions;
  readonly zones: DocumentZones;
}

/** One occurrence: the component holding its fields and its own start/end. */
export interface Occurrence {
  readonly component: ICAL.Component;
  readonly start: ICAL.Time;
  readonly end: ICAL.Time | undefined;
  readonly sourceId: string | undefined;
}

/** The start of an occurrence in the agency's zone. */
export function occurrenceStart(occurrence: Occurrence, context: MeetingContext): ResolvedTime {
  return resolveTime(
    occurrence.start,
    tzidOf(occurrence.component, 'dtstart'),
    context.input.timeZone,
    context.zones,
  );
}

/** A meeting from one occurrence; STATUS:CANCELLED or a notice in the SUMMARY sets the status hint. */
export function meetingFrom(occurrence: Occurrence, context: MeetingContext): ParsedMeeting {
  const { component } = occurrence;
  const summary = textOf(component, 'summary') ?? '';
  const start = occurrenceStart(occurrence, context);
  const end = occurrence.end ? resolveEnd(occurrence, occurrence.end, context) : undefined;
  const location = textOf(component, 'location');
  const cancelled = textOf(component, 'status')?.toUpperCase() === 'CANCELLED';
  const statusHint = cancelled ? 'cancelled' : statusHintFromText(summary);
  return {
    title: titleFrom(summary, context.options.titleRemove),
    start: start.local,
    ...(end && end.local !== start.local ? { end: end.local } : {}),
    allDay: start.allDay,
    ...(location ? { location: { address: location } } : {}),
    ...(statusHint ? { statusHint } : {}),
    links: linksOf(component),
    ...(start.note ? { timeNotes: start.note } : {}),
    sourceUrl: context.input.url,
    ...(occurrence.sourceId ? { sourceId: occurrence.sourceId } : {}),
  };
}

function resolveEnd(occurrence: Occurrence, end: ICAL.Time, context: MeetingContext): ResolvedTime {
  const tzid = tzidOf(occurrence.component, 'dtend') ?? tzidOf(occurrence.component, 'dtstart');
  return resolveTime(end, tzid, context.input.timeZone, context.zones);
}

function titleFrom(summary: string, remove: readonly RegExp[]): string {
  const stripped = remove.reduce((title, pattern) => title.replace(pattern, ' '), cleanMeetingTitle(summary));
  return cleanMeetingTitle(stripped);
}

/** The TZID parameter of a date property, if any. */
export function tzidOf(component: ICAL.Component, property: string): string | undefined {
  const tzid = component.getFirstProperty(property)?.getParameter('tzid');
  return typeof tzid === 'string' && tzid !== '' ? tzid : undefined;
}

function textOf(component: ICAL.Component, property: string): string | undefined {
  const value = component.getFirstPropertyValue(property);
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

const LINK_KINDS: ReadonlyArray<[RegExp, MeetingLink['kind']]> = [
  [/agenda/i, 'agenda'],
  [/minutes/i, 'minutes'],
  [/packet/i, 'packet'],
  [/video|media|stream/i, 'video'],
];

/** The event's URL and any http(s) ATTACH, kinds guessed from the file name. */
function linksOf(component: ICAL.Component): MeetingLink[] {
  const links: MeetingLink[] = [];
  const url = textOf(component, 'url');
  if (url && /^https?:\/\//i.test(url)) links.push({ kind: 'other', title: 'Event page', url });
  for (const attach of component.getAllProperties('attach')) {
    const value = attach.getFirstValue();
    if (typeof value !== 'string' || !/^https?:\/\//i.test(value)) continue;
    const name = String(attach.getParameter('filename') ?? value.split('/').pop() ?? value);
    const kind = LINK_KINDS.find(([pattern]) => pattern.test(name))?.[1] ?? 'other';
    links.push({ kind, title: name, url: value });
  }
  return links;
}
