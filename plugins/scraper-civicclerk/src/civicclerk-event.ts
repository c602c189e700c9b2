import {
  cleanMeetingTitle,
  statusHintFromText,
  type MeetingLink,
  type MeetingLocation,
  type ParsedMeeting,
} from '@encoder-manager/sdk';

/** Where a tenant's public portal lives, for source and file links. */
export interface PortalContext {
  /** e.g. `https://southfultonga.portal.civicclerk.com`. */
  readonly portal: string;
  readonly locationName: string | undefined;
}

type CivicClerkEvent = Readonly<Record<string, unknown>>;

/**
 * A meeting from one CivicClerk event, or undefined for deleted events and the `1900-01-01` null date.
 * `startDateTime` ends in `Z` but is the agency's local time (documented in City Scrapers' ATL mixin and
 * corroborated by the live-stream times), so the `Z` is dropped rather than converted.
 */
export function meetingOf(event: CivicClerkEvent, context: PortalContext): ParsedMeeting | undefined {
  const start = localTime(event['startDateTime'] ?? event['eventDate']);
  const name = typeof event['eventName'] === 'string' ? cleanMeetingTitle(event['eventName']) : '';
  if (event['isDeleted'] === true || !start || !name) return undefined;
  const eventUrl = `${context.portal}/event/${String(event['id'])}`;
  const links = linksOf(event, eventUrl);
  const statusHint =
    statusHintFromText(String(event['eventName'])) ??
    (links.some((l) => l.kind === 'agenda') ? 'confirmed' : undefined);
  const end = endOf(start, event);
  const location = locationOf(event['eventLocation'], context.locationName);
  const body = typeof event['categoryName'] === 'string' ? event['categoryName'].trim() : '';
  return {
    title: name,
    ...(body ? { body } : {}),
    start,
    ...(end ? { end } : {}),
    allDay: false,
    ...(location ? { location } : {}),
    ...(statusHint ? { statusHint } : {}),
    links,
    sourceUrl: eventUrl,
    sourceId: String(event['id']),
  };
}

/** `2026-04-15T17:00:00Z` → `2026-04-15T17:00:00`; the 1900 sentinel and anything else → undefined. */
function localTime(value: unknown): string | undefined {
  const match = typeof value === 'string' ? /^(\d{4})-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}/.exec(value) : null;
  return match && Number(match[1]) > 1900 ? match[0] : undefined;
}

/** `meetingEndTime` when set, else start + `durationHrs`/`durationMin` when non-zero. */
function endOf(start: string, event: CivicClerkEvent): string | undefined {
  const stated = localTime(event['meetingEndTime']);
  if (stated && stated > start) return stated;
  const minutes = Number(event['durationHrs'] ?? 0) * 60 + Number(event['durationMin'] ?? 0);
  if (!Number.isFinite(minutes) || minutes <= 0) return undefined;
  // Wall-clock arithmetic on the naive local time (read as UTC only to add minutes).
  return new Date(Date.parse(`${start}Z`) + minutes * 60_000).toISOString().slice(0, 19);
}

function locationOf(raw: unknown, name: string | undefined): MeetingLocation | undefined {
  const place = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>) : {};
  const text = (key: string): string => (typeof place[key] === 'string' ? String(place[key]).trim() : '');
  const street = [text('address1'), text('address2')].filter(
    (line, i, all) => line && all.indexOf(line) === i,
  );
  const region = [text('state'), text('zipCode')].filter(Boolean);
  const address = [[...street, text('city')].filter(Boolean).join(' '), ...region].filter(Boolean).join(', ');
  if (!address && !name) return undefined;
  return { ...(name ? { name } : {}), ...(address ? { address } : {}) };
}

const FILE_KINDS: ReadonlyArray<[RegExp, MeetingLink['kind']]> = [
  [/packet/i, 'packet'],
  [/agenda/i, 'agenda'],
  [/minutes/i, 'minutes'],
];

function linksOf(event: CivicClerkEvent, eventUrl: string): MeetingLink[] {
  const files = Array.isArray(event['publishedFiles']) ? (event['publishedFiles'] as unknown[]) : [];
  const links: MeetingLink[] = files.flatMap((file) => {
    const { type, fileId } = (file ?? {}) as { type?: unknown; fileId?: unknown };
    if (typeof type !== 'string' || typeof fileId !== 'number') return [];
    const kind = FILE_KINDS.find(([pattern]) => pattern.test(type))?.[1] ?? 'other';
    return [{ kind, title: type, url: `${eventUrl}/files/agenda/${fileId}` }];
  });
  const video = event['mediaStreamPath'] ?? event['externalMediaUrl'];
  if (typeof video === 'string' && /^https?:\/\//i.test(video))
    links.push({ kind: 'video', title: 'Video', url: video });
  return links;
}
