import type { TrackedMeeting } from '../model.js';
import { bestMatch, type MatchRules } from '../merge/match.js';
import { classifyChange, isCalledOff, type MeetingChange } from './classify.js';

/** What change detection needs besides the two lists. */
export interface ReconcileContext extends MatchRules {
  readonly now: number;
  /** Sources that gave a document in this scrape; only they can count a meeting missing. */
  readonly answered: ReadonlySet<string>;
  readonly missesToCancel: number;
  readonly defaultDurationMs: number;
}

/** Rows to write and events to publish once they are written. */
export interface Reconciliation {
  readonly save: TrackedMeeting[];
  readonly changes: { readonly meeting: TrackedMeeting; readonly change: MeetingChange }[];
}

/**
 * Compares a body's freshly merged meetings with the stored ones. A scraped meeting is the stored one
 * with the same id, else the same source id from the same source, else the closest fuzzy match; it
 * keeps the stored id and first-seen time. Stored upcoming meetings that a source which listed them
 * before no longer lists are counted missing; after `missesToCancel` consecutive misses they are
 * cancelled (City Scrapers' rule, made tolerant of one flaky scrape).
 */
export function reconcile(
  stored: readonly TrackedMeeting[],
  scraped: readonly TrackedMeeting[],
  ctx: ReconcileContext,
): Reconciliation {
  const result: Reconciliation = { save: [], changes: [] };
  const pairs = pairUp(stored, scraped, ctx);
  for (const meeting of scraped) applyScraped(meeting, pairs.get(meeting), ctx, result);
  const matched = new Set([...pairs.values()].map((m) => m.id));
  for (const meeting of stored) {
    if (!matched.has(meeting.id)) applyMissing(meeting, ctx, result);
  }
  return result;
}

/**
 * Pairs scraped meetings with stored ones, strongest evidence first so a weak match never takes a
 * stored meeting that another listing names exactly: same id, then same source id from the same
 * source, then the closest fuzzy match.
 */
function pairUp(
  stored: readonly TrackedMeeting[],
  scraped: readonly TrackedMeeting[],
  rules: MatchRules,
): Map<TrackedMeeting, TrackedMeeting> {
  const pairs = new Map<TrackedMeeting, TrackedMeeting>();
  const taken = new Set<string>();
  const pass = (find: (meeting: TrackedMeeting, free: TrackedMeeting[]) => TrackedMeeting | undefined) => {
    for (const meeting of scraped) {
      if (pairs.has(meeting)) continue;
      const match = find(
        meeting,
        stored.filter((s) => !taken.has(s.id)),
      );
      if (match) {
        pairs.set(meeting, match);
        taken.add(match.id);
      }
    }
  };
  pass((meeting, free) => free.find((s) => s.id === meeting.id));
  pass((meeting, free) =>
    meeting.sourceId
      ? free.find((s) => s.source === meeting.source && s.sourceId === meeting.sourceId)
      : undefined,
  );
  pass((meeting, free) => bestMatch(meeting, free, taken, rules));
  return pairs;
}

function applyScraped(
  meeting: TrackedMeeting,
  previous: TrackedMeeting | undefined,
  ctx: ReconcileContext,
  result: Reconciliation,
): void {
  if (!previous) {
    const fresh: TrackedMeeting = { ...meeting, firstSeenAt: ctx.now, lastSeenAt: ctx.now };
    result.save.push(fresh);
    // Past meetings found on a first scrape (archives) are stored quietly.
    const endsAt = meeting.endsAtMs ?? meeting.startsAtMs + ctx.defaultDurationMs;
    if (endsAt > ctx.now) result.changes.push({ meeting: fresh, change: 'new' });
    return;
  }
  const next: TrackedMeeting = {
    ...meeting,
    id: previous.id,
    firstSeenAt: previous.firstSeenAt,
    lastSeenAt: ctx.now,
    missedCount: 0,
    seenBy: [...new Set([...previous.seenBy, ...meeting.seenBy])],
  };
  result.save.push(next);
  const change = classifyChange(previous, next);
  if (change) result.changes.push({ meeting: next, change });
}

function applyMissing(meeting: TrackedMeeting, ctx: ReconcileContext, result: Reconciliation): void {
  const upcoming = meeting.startsAtMs > ctx.now;
  const listedBefore = meeting.seenBy.some((source) => ctx.answered.has(source));
  if (!upcoming || !listedBefore || isCalledOff(meeting.status)) return;
  const missedCount = meeting.missedCount + 1;
  if (missedCount < ctx.missesToCancel) {
    result.save.push({ ...meeting, missedCount });
    return;
  }
  const cancelled: TrackedMeeting = { ...meeting, missedCount, status: 'cancelled' };
  result.save.push(cancelled);
  result.changes.push({ meeting: cancelled, change: 'cancelled' });
}
