import type { MeetingStatus } from '@encoder-manager/sdk';
import type { TrackedMeeting } from '../model.js';
import { unionLinks } from '../scrape/normalize.js';
import { bestMatch, type MatchRules } from './match.js';

/**
 * Merges the meetings of one body's sources, given highest priority first. A listing that matches one
 * already kept (same body, starts within the window, similar title) is folded into it: the
 * higher-priority fields win, blanks are filled from the other, links and `seenBy` are united.
 * Unmatched listings are added as they are.
 */
export function mergeSources(
  lists: readonly (readonly TrackedMeeting[])[],
  rules: MatchRules,
): TrackedMeeting[] {
  const [first = [], ...rest] = lists;
  const merged = [...first];
  for (const list of rest) {
    const taken = new Set<string>();
    for (const meeting of list) {
      const match = bestMatch(meeting, merged, taken, rules);
      if (!match) {
        merged.push(meeting);
        continue;
      }
      taken.add(match.id);
      merged[merged.indexOf(match)] = foldInto(match, meeting);
    }
  }
  return merged;
}

/** `winner` with blanks filled from `other`, links and sources united. */
export function foldInto(winner: TrackedMeeting, other: TrackedMeeting): TrackedMeeting {
  // Another start's end would give the winner a wrong duration.
  const endFromOther =
    winner.end === undefined && other.end !== undefined && other.startsAtMs === winner.startsAtMs
      ? { end: other.end, endsAt: other.endsAt, endsAtMs: other.endsAtMs }
      : {};
  const hint = winner.statusHint ?? other.statusHint;
  return {
    ...winner,
    ...endFromOther,
    ...(winner.location === undefined && other.location ? { location: other.location } : {}),
    ...(winner.timeNotes === undefined && other.timeNotes ? { timeNotes: other.timeNotes } : {}),
    ...(hint ? { statusHint: hint, status: statusWithHint(winner.status, hint) } : {}),
    links: unionLinks(winner.links, other.links),
    seenBy: [...new Set([...winner.seenBy, ...other.seenBy])],
  };
}

/** The status once a hint from another source is known (same rule as the SDK's `meetingStatus`). */
function statusWithHint(
  status: MeetingStatus,
  hint: NonNullable<TrackedMeeting['statusHint']>,
): MeetingStatus {
  if (hint === 'cancelled' || hint === 'rescheduled') return hint;
  return status === 'tentative' ? 'confirmed' : status;
}
