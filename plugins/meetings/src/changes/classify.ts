import type { MeetingEvent, MeetingStatus } from '@encoder-manager/sdk';
import type { TrackedMeeting } from '../model.js';

/** A change worth publishing as `meeting.changed`. */
export type MeetingChange = NonNullable<MeetingEvent['change']>;

/** Whether a status means the meeting will not take place at this time. */
export function isCalledOff(status: MeetingStatus): boolean {
  return status === 'cancelled' || status === 'rescheduled';
}

/** What a scrape may change about a meeting; `passed` is left out because time alone causes it. */
function content(m: TrackedMeeting): string {
  return JSON.stringify([
    m.title,
    m.body,
    m.endsAtMs ?? null,
    m.allDay,
    m.location?.name ?? null,
    m.location?.address ?? null,
    m.links.map((link) => link.url).sort(),
    m.statusHint ?? null,
    m.timeNotes ?? null,
    isCalledOff(m.status) ? m.status : 'on',
  ]);
}

/**
 * How a stored meeting changed in a new scrape, or undefined if it did not: called off (cancelled or
 * rescheduled away) wins over moved (another start), which wins over any other field change.
 */
export function classifyChange(before: TrackedMeeting, after: TrackedMeeting): MeetingChange | undefined {
  if (isCalledOff(after.status) && !isCalledOff(before.status)) return 'cancelled';
  if (after.startsAtMs !== before.startsAtMs) return 'moved';
  return content(after) === content(before) ? undefined : 'updated';
}
