import type ICAL from 'ical.js';
import { DateTime, IANAZone } from 'luxon';

/** A point of an iCalendar event, resolved to the agency's zone. */
export interface ResolvedTime {
  /** Local wall-clock time in the target zone, `YYYY-MM-DDTHH:mm:ss`. */
  readonly local: string;
  /** Epoch ms; for floating and all-day values, the local time read in the target zone. */
  readonly epochMs: number;
  /** A DATE value (all-day). */
  readonly allDay: boolean;
  /** Set when the time's zone could not be resolved and it was taken as local. */
  readonly note?: string;
}

/** VTIMEZONE definitions of one document, by TZID, for zones that are not IANA names. */
export type DocumentZones = ReadonlyMap<string, ICAL.Timezone>;

/**
 * Resolves an iCalendar time into `targetZone`: UTC (`Z`) and TZID values are converted, DATE values
 * and floating times are already local. IANA TZIDs are converted with luxon even when the document has a
 * VTIMEZONE, because CMS feeds (WordPress Tribe) are known to ship malformed VTIMEZONE blocks.
 */
export function resolveTime(
  time: ICAL.Time,
  tzid: string | undefined,
  targetZone: string,
  zones: DocumentZones,
): ResolvedTime {
  const fields = {
    year: time.year,
    month: time.month,
    day: time.day,
    hour: time.isDate ? 0 : time.hour,
    minute: time.isDate ? 0 : time.minute,
    second: time.isDate ? 0 : time.second,
  };
  if (time.isDate) return fromLocal(fields, targetZone, true);
  if (time.zone?.tzid === 'UTC') return convert(DateTime.fromObject(fields, { zone: 'utc' }), targetZone);
  if (tzid && IANAZone.isValidZone(tzid))
    return convert(DateTime.fromObject(fields, { zone: tzid }), targetZone);
  const defined = tzid ? zones.get(tzid) : undefined;
  if (tzid && defined) {
    const zoned = time.clone();
    zoned.zone = defined;
    return convert(DateTime.fromSeconds(zoned.toUnixTime(), { zone: 'utc' }), targetZone);
  }
  const resolved = fromLocal(fields, targetZone, false);
  return tzid
    ? { ...resolved, note: `time zone "${tzid}" is unknown; times taken as ${targetZone}` }
    : resolved;
}

function convert(instant: DateTime, targetZone: string): ResolvedTime {
  const local = instant.setZone(targetZone);
  return { local: formatLocal(local), epochMs: local.toMillis(), allDay: false };
}

function fromLocal(fields: Record<string, number>, targetZone: string, allDay: boolean): ResolvedTime {
  const local = DateTime.fromObject(fields, { zone: targetZone });
  return { local: formatLocal(local), epochMs: local.toMillis(), allDay };
}

function formatLocal(time: DateTime): string {
  return time.toFormat("yyyy-MM-dd'T'HH:mm:ss");
}
