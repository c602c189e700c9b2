import { CronExpressionParser } from 'cron-parser';
import type { Silence } from '@encoder-manager/sdk';
import { matchesAll } from './matchers.js';

/** Whether a silence mutes at `now`: inside its one-off window, or inside the latest scheduled window. */
export function silenceActive(silence: Silence, now: number): boolean {
  if (silence.schedule) return insideSchedule(silence.schedule, now);
  const started = silence.startsAt === undefined || silence.startsAt <= now;
  const notEnded = silence.endsAt === undefined || now < silence.endsAt;
  return started && notEnded;
}

function insideSchedule(schedule: NonNullable<Silence['schedule']>, now: number): boolean {
  // The most recent start at or before now (one second later so a start exactly at `now` counts).
  const expression = CronExpressionParser.parse(schedule.cron, {
    tz: schedule.timeZone,
    currentDate: new Date(now + 1000),
  });
  const lastStart = expression.prev().getTime();
  return now < lastStart + schedule.durationMin * 60_000;
}

/** The first active silence matching the labels. */
export function silencing(
  silences: readonly Silence[],
  labels: Readonly<Record<string, string>>,
  now: number,
): Silence | undefined {
  return silences.find((silence) => silenceActive(silence, now) && matchesAll(silence.matchers, labels));
}

/** Checks a cron expression and zone before a silence is stored, with a readable reason when invalid. */
export function scheduleProblem(schedule: NonNullable<Silence['schedule']>): string | undefined {
  try {
    CronExpressionParser.parse(schedule.cron, { tz: schedule.timeZone });
  } catch (error) {
    return `schedule.cron "${schedule.cron}" in ${schedule.timeZone}: ${error instanceof Error ? error.message : String(error)}`;
  }
  return schedule.durationMin > 0 ? undefined : 'schedule.durationMin must be > 0';
}
