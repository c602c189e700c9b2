import type { CheckResult, CheckStatus } from '@encoder-manager/sdk';
import { localClock, type Watch } from './window.js';

/** The check name in `check.result`. */
export const LIVE_CHECK = 'meeting-live';

function minutes(ms: number): number {
  return Math.max(0, Math.round(ms / 60_000));
}

function describe(watch: Watch): string {
  return `${watch.meeting.body} "${watch.meeting.title}"`;
}

/** A `meeting-live` verdict for one watch at `now`. */
export function liveResult(watch: Watch, publishing: boolean, now: number): CheckResult {
  const status: CheckStatus = publishing ? 'ok' : now < watch.startsAt ? 'warning' : 'critical';
  return resultOf(watch, status, messageFor(watch, status, now), now);
}

/** The `ok` that closes a watch whose last verdict was a problem: the meeting is over or called off. */
export function closedResult(watch: Watch, reason: 'ended' | 'called-off', now: number): CheckResult {
  const why = reason === 'ended' ? 'is over' : 'is no longer scheduled';
  return resultOf(watch, 'ok', `${describe(watch)} ${why}; ${watch.link.stream} is no longer required`, now);
}

function messageFor(watch: Watch, status: CheckStatus, now: number): string {
  const at = localClock(watch.startsAt, watch.meeting.timeZone);
  const stream = watch.link.stream;
  if (status === 'ok') return `${describe(watch)} (${at}): ${stream} is publishing`;
  if (status === 'warning') {
    return `${describe(watch)} starts at ${at} (in ${minutes(watch.startsAt - now)} min) but ${stream} is not publishing yet`;
  }
  return `${describe(watch)} started at ${at} but ${stream} is not publishing — ${minutes(now - watch.startsAt)} min late`;
}

function resultOf(watch: Watch, status: CheckStatus, message: string, now: number): CheckResult {
  const late = now - watch.startsAt;
  return {
    check: LIVE_CHECK,
    subject: watch.meeting.id,
    status,
    message,
    ...(status === 'critical' ? { value: minutes(late), threshold: 0 } : {}),
    labels: {
      body: watch.meeting.body,
      meeting: watch.meeting.id,
      stream: watch.link.stream,
      ...(watch.link.channel ? { channel: watch.link.channel } : {}),
    },
    at: now,
  };
}
