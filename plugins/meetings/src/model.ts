import type { Meeting, MeetingRecord, ParsedMeeting } from '@encoder-manager/sdk';

/** A source as the plugin uses it: config/catalog entry with every default filled in. */
export interface SourceEntry {
  readonly name: string;
  readonly city: string;
  readonly body: string;
  readonly type: string;
  readonly url: string;
  readonly timeZone: string;
  readonly priority: number;
  readonly merge: boolean;
  readonly intervalMin: number;
  readonly enabled: boolean;
  readonly options: Readonly<Record<string, unknown>>;
  readonly origin: 'catalog' | 'config';
}

/** HTTP validators and parsed items of a source's last good document. */
export interface SourceCache {
  readonly etag?: string;
  readonly lastModified?: string;
  readonly items?: readonly ParsedMeeting[];
}

/** A stored source: its definition plus the cache. */
export interface StoredSource extends SourceEntry, SourceCache {}

/** The sources of one city's body, primary first. */
export interface SourceGroup {
  readonly key: string;
  readonly city: string;
  readonly body: string;
  readonly sources: readonly SourceEntry[];
}

/** A meeting with the fields change detection and queries need. */
export interface TrackedMeeting extends MeetingRecord {
  readonly city: string;
  /** The catalog body its sources belong to (see {@link groupKey}). */
  readonly groupKey: string;
  readonly startsAtMs: number;
  readonly endsAtMs?: number;
  /** Every source that has listed it; only these can count it missing. */
  readonly seenBy: readonly string[];
}

/** The key that groups the sources of one body: `<city>::<body>`. */
export function groupKey(city: string, body: string): string {
  return `${city}::${body}`;
}

/** The plain SDK `Meeting` (what goes on the bus), without the bookkeeping fields. */
export function toMeeting(tracked: TrackedMeeting): Meeting {
  const { city: _c, groupKey: _g, startsAtMs: _s, endsAtMs: _e, seenBy: _b, ...rest } = tracked;
  const { firstSeenAt: _f, lastSeenAt: _l, missedCount: _m, ...meeting } = rest;
  return meeting;
}

/** When a meeting ends for scheduling purposes: its end, else start + the default duration. */
export function effectiveEndMs(meeting: TrackedMeeting, defaultDurationMin: number): number {
  return meeting.endsAtMs ?? meeting.startsAtMs + defaultDurationMin * 60_000;
}
