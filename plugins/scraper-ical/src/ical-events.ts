import ICAL from 'ical.js';
import type { ParsedMeeting } from '@encoder-manager/sdk';
import type { IcalDocument } from './ical-document.js';
import { meetingFrom, occurrenceStart, type MeetingContext, type Occurrence } from './ical-meeting.js';

const DAY_MS = 86_400_000;
// Stepping through the instances before the window costs a few µs each; this bounds a daily rule
// that began decades ago without cutting off any sane feed.
const MAX_STEPS = 100_000;

/**
 * Meetings of every VEVENT in feed order. Single events are kept whatever their date (the store decides
 * what to keep); recurring ones are expanded to the instances inside the window around now, with EXDATEs
 * removed and RECURRENCE-ID overrides (moved or cancelled instances) applied.
 */
export function meetingsOf(document: IcalDocument, context: MeetingContext): ParsedMeeting[] {
  const events = document.events.map((component) => new ICAL.Event(component));
  const masters = new Map<string, ICAL.Event>();
  for (const event of events) {
    if (event.isRecurring() && !event.isRecurrenceException()) masters.set(event.uid, event);
  }
  for (const event of events) {
    if (event.isRecurrenceException()) masters.get(event.uid)?.relateException(event);
  }
  return events.flatMap((event) => {
    if (!event.startDate) return []; // DTSTART is required by RFC 5545; nothing to schedule without it.
    const master = masters.get(event.uid);
    if (master === event) return instancesOf(event, context);
    if (master && event.isRecurrenceException()) return []; // applied by the master's expansion
    return [meetingFrom(single(event), context)];
  });
}

function single(event: ICAL.Event): Occurrence {
  return {
    component: event.component,
    start: event.startDate,
    end: event.endDate,
    sourceId: event.isRecurrenceException() ? `${event.uid}@${event.recurrenceId.toString()}` : event.uid,
  };
}

function instancesOf(master: ICAL.Event, context: MeetingContext): ParsedMeeting[] {
  const { now } = context.input;
  const from = now - context.options.pastDays * DAY_MS;
  const to = now + context.options.futureDays * DAY_MS;
  const iterator = master.iterator();
  const meetings: ParsedMeeting[] = [];
  for (let step = 0; step < MAX_STEPS && meetings.length < context.options.maxInstances; step += 1) {
    const recurrenceId = iterator.next();
    if (!recurrenceId) break;
    // Cheap skip first: toUnixTime reads floating/TZID values as UTC, at most a day off the real instant.
    if (recurrenceId.toUnixTime() * 1000 < from - DAY_MS) continue;
    const slot: Occurrence = {
      component: master.component,
      start: recurrenceId,
      end: undefined,
      sourceId: undefined,
    };
    const slotStart = occurrenceStart(slot, context).epochMs;
    if (slotStart > to) break;
    if (slotStart < from) continue;
    const details = master.getOccurrenceDetails(recurrenceId);
    const occurrence: Occurrence = {
      component: details.item.component,
      start: details.startDate,
      end: details.endDate,
      sourceId: `${master.uid}@${recurrenceId.toString()}`,
    };
    meetings.push(meetingFrom(occurrence, context));
  }
  return meetings;
}
