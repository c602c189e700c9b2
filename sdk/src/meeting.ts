/**
 * Meeting status. Parsers never decide `passed` or `tentative` themselves: {@link meetingStatus} derives
 * them from the start time and "now", as City Scrapers does (see docs/meetings-and-cablecast.md §1.3).
 */
export type MeetingStatus = 'tentative' | 'confirmed' | 'passed' | 'cancelled' | 'rescheduled';

/** A link published with a meeting. */
export interface MeetingLink {
  readonly kind: 'agenda' | 'minutes' | 'video' | 'packet' | 'other';
  readonly title: string;
  /** Absolute URL. */
  readonly url: string;
}

/** Where a meeting is held; either part may be empty. */
export interface MeetingLocation {
  readonly name?: string;
  readonly address?: string;
}

/** What a parser extracts from one source document, before ids and status are assigned. */
export interface ParsedMeeting {
  readonly title: string;
  /** The public body, e.g. "City Council"; defaults to the source's body. */
  readonly body?: string;
  /** Local wall-clock time in the source's zone, `YYYY-MM-DDTHH:mm:ss` (no offset). */
  readonly start: string;
  readonly end?: string;
  readonly allDay: boolean;
  readonly location?: MeetingLocation;
  /** Set when the source says so: cancelled/postponed, rescheduled, or confirmed (agenda posted). */
  readonly statusHint?: 'cancelled' | 'rescheduled' | 'confirmed';
  readonly links: readonly MeetingLink[];
  /** Free text such as "Confirm details with agency" when the time was assumed. */
  readonly timeNotes?: string;
  /** The page or file the meeting came from. */
  readonly sourceUrl: string;
  /** The source's own id for the meeting when it has one (Legistar EventId, iCal UID …). */
  readonly sourceId?: string;
}

/** A stored meeting: parsed fields plus a stable id, zone-aware instants and a derived status. */
export interface Meeting extends ParsedMeeting {
  /** Stable across re-scrapes: `<source>/<yyyymmddhhmm>/<sourceId or x>/<title slug>`. */
  readonly id: string;
  readonly body: string;
  /** IANA zone the local times are in, e.g. `America/Detroit`. */
  readonly timeZone: string;
  /** ISO 8601 with offset, e.g. `2019-04-16T17:30:00-04:00`. */
  readonly startsAt: string;
  readonly endsAt?: string;
  readonly status: MeetingStatus;
  /** The catalog source name it was scraped from. */
  readonly source: string;
  readonly scrapedAt: number;
}

/** Status from the source's hint and the start time: City Scrapers' rule, with `rescheduled` kept apart. */
export function meetingStatus(
  hint: ParsedMeeting['statusHint'],
  startsAtMs: number,
  nowMs: number,
): MeetingStatus {
  if (hint === 'cancelled' || hint === 'rescheduled') return hint;
  if (startsAtMs < nowMs) return 'passed';
  return hint === 'confirmed' ? 'confirmed' : 'tentative';
}
