import type { MeetingLink, MeetingStatus, ParsedMeeting } from '@encoder-manager/sdk';
import type { TrackedMeeting } from '../model.js';
import { bool, json, num, optNum, optStr } from './values.js';

type Row = Record<string, unknown>;

/** A tracked meeting as a `meetings_meetings` row. */
export function toRow(m: TrackedMeeting): Row {
  return {
    id: m.id,
    group_key: m.groupKey,
    source: m.source,
    city: m.city,
    body: m.body,
    title: m.title,
    start_local: m.start,
    end_local: m.end ?? null,
    time_zone: m.timeZone,
    starts_at: m.startsAt,
    ends_at: m.endsAt ?? null,
    starts_at_ms: m.startsAtMs,
    ends_at_ms: m.endsAtMs ?? null,
    all_day: m.allDay,
    status: m.status,
    status_hint: m.statusHint ?? null,
    location_name: m.location?.name ?? null,
    location_address: m.location?.address ?? null,
    links: JSON.stringify(m.links),
    time_notes: m.timeNotes ?? null,
    source_url: m.sourceUrl,
    source_id: m.sourceId ?? null,
    seen_by: JSON.stringify(m.seenBy),
    first_seen_at: m.firstSeenAt,
    last_seen_at: m.lastSeenAt,
    scraped_at: m.scrapedAt,
    missed_count: m.missedCount,
  };
}

/** A `meetings_meetings` row as a tracked meeting; absent optional fields stay absent. */
export function fromRow(row: Row): TrackedMeeting {
  const end = optStr(row.end_local);
  const endsAt = optStr(row.ends_at);
  const endsAtMs = optNum(row.ends_at_ms);
  const hint = optStr(row.status_hint) as ParsedMeeting['statusHint'];
  const location = locationOf(row);
  const timeNotes = optStr(row.time_notes);
  const sourceId = optStr(row.source_id);
  return {
    id: String(row.id),
    groupKey: String(row.group_key),
    source: String(row.source),
    city: String(row.city),
    body: String(row.body),
    title: String(row.title),
    start: String(row.start_local),
    timeZone: String(row.time_zone),
    startsAt: String(row.starts_at),
    startsAtMs: num(row.starts_at_ms),
    allDay: bool(row.all_day),
    status: String(row.status) as MeetingStatus,
    links: json<MeetingLink[]>(row.links, []),
    sourceUrl: String(row.source_url),
    seenBy: json<string[]>(row.seen_by, []),
    firstSeenAt: num(row.first_seen_at),
    lastSeenAt: num(row.last_seen_at),
    scrapedAt: num(row.scraped_at),
    missedCount: num(row.missed_count),
    ...(end ? { end } : {}),
    ...(endsAt ? { endsAt } : {}),
    ...(endsAtMs !== undefined ? { endsAtMs } : {}),
    ...(hint ? { statusHint: hint } : {}),
    ...(location ? { location } : {}),
    ...(timeNotes ? { timeNotes } : {}),
    ...(sourceId ? { sourceId } : {}),
  };
}

function locationOf(row: Row): TrackedMeeting['location'] {
  const name = optStr(row.location_name);
  const address = optStr(row.location_address);
  if (!name && !address) return undefined;
  return { ...(name ? { name } : {}), ...(address ? { address } : {}) };
}
