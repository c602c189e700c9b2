import { meetingStatus, type Logger, type MeetingLink, type ParsedMeeting } from '@encoder-manager/sdk';
import { isoWithOffset, localInstant, meetingId } from '../ids.js';
import { groupKey, type SourceEntry, type TrackedMeeting } from '../model.js';

/**
 * Turns a parser's items into tracked meetings: zone-aware instants, the stable id, the derived status.
 * Items a parser got wrong (no title, an impossible start) are logged and skipped rather than failing the
 * whole document; an end that is not after the start is dropped. Duplicate listings (same id) are merged.
 */
export function normalizeItems(
  source: SourceEntry,
  items: readonly ParsedMeeting[],
  now: number,
  log: Logger,
): TrackedMeeting[] {
  const byId = new Map<string, TrackedMeeting>();
  for (const item of items) {
    const meeting = normalizeItem(source, item, now);
    if (!meeting) {
      log.warn(
        { source: source.name, title: item?.title, start: item?.start },
        `${source.name}: skipped an unusable item`,
      );
      continue;
    }
    const twin = byId.get(meeting.id);
    byId.set(meeting.id, twin ? { ...twin, links: unionLinks(twin.links, meeting.links) } : meeting);
  }
  return [...byId.values()];
}

function normalizeItem(source: SourceEntry, item: ParsedMeeting, now: number): TrackedMeeting | undefined {
  if (!item || typeof item.title !== 'string' || item.title.trim() === '' || typeof item.start !== 'string') {
    return undefined;
  }
  const times = instants(item, source.timeZone);
  if (!times) return undefined;
  const title = item.title.trim();
  const { end: _rawEnd, ...parsed } = item;
  return {
    ...parsed,
    ...times,
    title,
    id: meetingId(source.name, item.start, item.sourceId, title),
    body: item.body?.trim() || source.body,
    city: source.city,
    groupKey: groupKey(source.city, source.body),
    timeZone: source.timeZone,
    links: Array.isArray(item.links) ? item.links : [],
    allDay: item.allDay === true,
    status: meetingStatus(item.statusHint, times.startsAtMs, now),
    source: source.name,
    scrapedAt: now,
    firstSeenAt: now,
    lastSeenAt: now,
    missedCount: 0,
    seenBy: [source.name],
  };
}

/** Start (and end, when it is valid and after the start) as zone-aware instants; undefined for a bad start. */
function instants(item: ParsedMeeting, zone: string) {
  const start = localInstant(item.start, zone);
  if (!start) return undefined;
  const end = item.end ? localInstant(item.end, zone) : undefined;
  const startsAt = { startsAt: isoWithOffset(start), startsAtMs: start.toMillis() };
  if (!end || !item.end || end <= start) return startsAt;
  return { ...startsAt, end: item.end, endsAt: isoWithOffset(end), endsAtMs: end.toMillis() };
}

/** Links of both lists, each URL once, the first list's order and titles first. */
export function unionLinks(a: readonly MeetingLink[], b: readonly MeetingLink[]): MeetingLink[] {
  const seen = new Set(a.map((link) => link.url));
  return [...a, ...b.filter((link) => !seen.has(link.url) && seen.add(link.url))];
}
