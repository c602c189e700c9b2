import { DateTime } from 'luxon';
import type { Severity, Weekday } from '@encoder-manager/sdk';
import type { QuietHours } from '../settings/model.js';

const WEEKDAYS: readonly Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

/**
 * When a message of `severity` at `at` must wait for the recipient's quiet hours to end, the end of
 * that window (epoch ms); otherwise undefined. Windows are computed in the recipient's own zone with
 * luxon, so daylight-saving changes move them with the wall clock. `days` name the day a window
 * starts on: a 22:00–07:00 window on `fri` covers Friday night into Saturday morning.
 */
export function quietUntil(
  quiet: QuietHours | undefined,
  severity: Severity,
  at: number,
): number | undefined {
  if (!quiet || quiet.allowSeverities.includes(severity)) return undefined;
  const local = DateTime.fromMillis(at, { zone: quiet.timezone });
  // A window that started yesterday may still be open (it crosses midnight).
  for (const offset of [-1, 0]) {
    const day = local.plus({ days: offset }).startOf('day');
    const weekday = WEEKDAYS[day.weekday - 1];
    if (!weekday || !quiet.days.includes(weekday)) continue;
    const start = atClock(day, quiet.start);
    let end = atClock(day, quiet.end);
    if (end <= start) end = atClock(day.plus({ days: 1 }), quiet.end);
    if (at >= start.toMillis() && at < end.toMillis()) return end.toMillis();
  }
  return undefined;
}

function atClock(day: DateTime, hhmm: string): DateTime {
  const [hour, minute] = hhmm.split(':').map(Number);
  return day.set({ hour: hour ?? 0, minute: minute ?? 0, second: 0, millisecond: 0 });
}

/** Formats an instant for people in a zone, e.g. `2026-03-14 02:05 CDT`. */
export function formatLocal(at: number, zone: string): string {
  return DateTime.fromMillis(at, { zone }).toFormat('yyyy-LL-dd HH:mm ZZZZ');
}
