import { DateTime } from 'luxon';
import { effectiveEndMs, type TrackedMeeting } from '../model.js';
import type { LiveLink } from '../settings.js';
import { isCalledOff } from '../changes/classify.js';

/** One meeting a link expects live, with the instants that matter. */
export interface Watch {
  /** `<meeting id>|<stream>`: one meeting may feed several streams. */
  readonly key: string;
  readonly meeting: TrackedMeeting;
  readonly link: LiveLink;
  /** Pre-roll begins: the stream must be up from here. */
  readonly opensAt: number;
  readonly startsAt: number;
  /** End, or start + the default duration. */
  readonly endsAt: number;
  /** End plus post-roll: the stream may stop from here. */
  readonly closesAt: number;
}

/** Whether a link covers a meeting: same body (case-insensitive) and, when the link names one, city. */
export function linkCovers(link: LiveLink, meeting: TrackedMeeting): boolean {
  if (link.body.toLowerCase() !== meeting.body.toLowerCase()) return false;
  return link.city === undefined || link.city.toLowerCase() === meeting.city.toLowerCase();
}

/** The watches for a set of meetings: each covered, not called off, not all-day meeting per link. */
export function watchesFor(
  meetings: readonly TrackedMeeting[],
  links: readonly LiveLink[],
  defaultDurationMin: number,
): Watch[] {
  const watches: Watch[] = [];
  for (const meeting of meetings) {
    if (meeting.allDay || isCalledOff(meeting.status)) continue;
    for (const link of links.filter((l) => linkCovers(l, meeting))) {
      const endsAt = effectiveEndMs(meeting, defaultDurationMin);
      watches.push({
        key: `${meeting.id}|${link.stream}`,
        meeting,
        link,
        opensAt: meeting.startsAtMs - link.preRollMs,
        startsAt: meeting.startsAtMs,
        endsAt,
        closesAt: endsAt + link.postRollMs,
      });
    }
  }
  return watches;
}

/** `17:00` in the meeting's own zone. */
export function localClock(ms: number, zone: string): string {
  return DateTime.fromMillis(ms, { zone }).toFormat('HH:mm ZZZZ');
}
