import { parseClockTime } from '@encoder-manager/sdk';
import { DateTime } from 'luxon';
import type { GenericOptions } from './options.js';

const LOCAL_FORMAT = "yyyy-MM-dd'T'HH:mm:ss";

/**
 * A date-time value as local wall-clock time in `zone`. `times: 'local'` reads it as written (a trailing
 * `Z` or offset is ignored: some APIs mark local times that way); `times: 'instant'` converts it from its
 * offset (UTC when it has none). `format` is a luxon format; default ISO 8601.
 */
export function localDateTime(
  value: string,
  zone: string,
  options: Pick<GenericOptions, 'times'>,
  format?: string,
): string | undefined {
  const instant = options.times === 'instant';
  const text = instant ? value.trim() : value.trim().replace(/(?:Z|[+-]\d{2}:?\d{2})$/i, '');
  const settings = { zone: instant ? 'utc' : zone, setZone: false };
  const parsed = format ? DateTime.fromFormat(text, format, settings) : DateTime.fromISO(text, settings);
  return parsed.isValid ? parsed.setZone(zone).toFormat(LOCAL_FORMAT) : undefined;
}

/** A date (luxon `format`, default ISO) as `YYYY-MM-DD`. */
export function localDate(value: string, format?: string): string | undefined {
  const parsed = format ? DateTime.fromFormat(value.trim(), format) : DateTime.fromISO(value.trim());
  return parsed.isValid ? parsed.toFormat('yyyy-MM-dd') : undefined;
}

/** A time (luxon `format`, default free text such as "6:00 PM") as `HH:mm:ss`. */
export function localTime(value: string, format?: string): string | undefined {
  if (!format) return parseClockTime(value);
  const parsed = DateTime.fromFormat(value.trim(), format);
  return parsed.isValid ? parsed.toFormat('HH:mm:ss') : undefined;
}
