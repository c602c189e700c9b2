import { DateTime } from 'luxon';

const LOCAL_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/;

/** A local wall-clock time (`YYYY-MM-DDTHH:mm:ss`) in an IANA zone, or undefined when it is not one. */
export function localInstant(local: string, zone: string): DateTime | undefined {
  if (!LOCAL_TIME.test(local)) return undefined;
  const instant = DateTime.fromISO(local, { zone });
  return instant.isValid ? instant : undefined;
}

/** ISO 8601 with the zone's offset, e.g. `2019-04-16T17:30:00-04:00`. */
export function isoWithOffset(instant: DateTime): string {
  return instant.toISO({ suppressMilliseconds: true }) ?? instant.toUTC().toISO() ?? '';
}

/** City Scrapers' title slug: runs of other characters become `_`, lower-cased. */
export function titleSlug(title: string): string {
  const words = title
    .replace(/[^A-Za-z0-9]+/g, ' ')
    .trim()
    .toLowerCase();
  return words === '' ? 'x' : words.replace(/ /g, '_');
}

/**
 * The stable meeting id `<source>/<yyyymmddhhmm>/<sourceId or x>/<title slug>` (City Scrapers' `_get_id`),
 * the time being the local start. A `/` in the source's own id is replaced so the id keeps four parts.
 */
export function meetingId(
  source: string,
  startLocal: string,
  sourceId: string | undefined,
  title: string,
): string {
  const stamp = startLocal.slice(0, 16).replace(/\D/g, '');
  const identifier = sourceId && sourceId.trim() !== '' ? sourceId.trim().replace(/\//g, '_') : 'x';
  return `${source}/${stamp}/${identifier}/${titleSlug(title)}`;
}
