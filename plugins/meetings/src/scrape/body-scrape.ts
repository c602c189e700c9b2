import type { BodyScrapeReport } from '@encoder-manager/sdk';
import { reconcile, type Reconciliation } from '../changes/reconcile.js';
import { mergeSources } from '../merge/merge.js';
import { toMeeting, type SourceEntry, type SourceGroup } from '../model.js';
import type { ScrapeDeps } from './deps.js';
import { scrapeSource, type SourceOutcome } from './source-run.js';

/**
 * Scrapes one body: its sources in priority order until one gives meetings (a 5xx, timeout, parse error
 * or empty document moves on to the next), plus every `merge` source. The results are merged, compared
 * with the stored meetings and saved in one transaction; `meeting.changed` events follow the commit.
 * When no source answers, the stored meetings are left exactly as they were.
 */
export async function scrapeBody(
  group: SourceGroup,
  deps: ScrapeDeps,
  signal: AbortSignal,
): Promise<BodyScrapeReport> {
  const outcomes = await collect(group, deps, signal);
  const good = outcomes.filter((o): o is Extract<SourceOutcome, { ok: true }> => o.ok);
  const base = { city: group.city, body: group.body, runs: outcomes.map((o) => o.run) };
  if (good.length === 0) {
    deps.log.error(
      { body: group.key, sources: outcomes.map((o) => o.source.name) },
      `${group.city} ${group.body}: every source failed; keeping the stored meetings`,
    );
    return { ...base, ok: false, changes: { new: 0, moved: 0, cancelled: 0, updated: 0 } };
  }
  const result = await applyScrape(group, good, deps);
  return { ...base, ok: true, changes: countChanges(result) };
}

/** Merges the good sources, compares with the store, saves in one transaction, then publishes. */
async function applyScrape(
  group: SourceGroup,
  good: readonly Extract<SourceOutcome, { ok: true }>[],
  deps: ScrapeDeps,
): Promise<Reconciliation> {
  const { settings } = deps;
  const rules = { matchWindowMs: settings.matchWindowMs, titleSimilarity: settings.titleSimilarity };
  const merged = mergeSources(
    good.map((o) => o.meetings),
    rules,
  );
  const now = deps.clock.now();
  const result = reconcile(await deps.meetings.ofGroup(group.key), merged, {
    ...rules,
    now,
    answered: new Set(good.map((o) => o.source.name)),
    missesToCancel: settings.missesToCancel,
    defaultDurationMs: settings.defaultDurationMin * 60_000,
  });
  await deps.store.transaction((tx) => deps.meetings.save(tx, result.save));
  for (const { meeting, change } of result.changes) {
    deps.bus.publish('meeting.changed', { meeting: toMeeting(meeting), change, at: now });
  }
  return result;
}

/** Runs the fallback chain, then the merge sources; outcomes come back in priority order. */
async function collect(group: SourceGroup, deps: ScrapeDeps, signal: AbortSignal): Promise<SourceOutcome[]> {
  const outcomes: SourceOutcome[] = [];
  const chain = group.sources.filter((s) => !s.merge);
  for (const source of chain) {
    const outcome = await scrapeSource(source, deps, signal);
    outcomes.push(outcome);
    if (outcome.ok) break;
    logFallback(source, chain, deps);
  }
  for (const source of group.sources.filter((s) => s.merge))
    outcomes.push(await scrapeSource(source, deps, signal));
  return outcomes.sort((a, b) => a.source.priority - b.source.priority);
}

function logFallback(failed: SourceEntry, chain: readonly SourceEntry[], deps: ScrapeDeps): void {
  const next = chain[chain.indexOf(failed) + 1];
  if (next)
    deps.log.info(
      { source: failed.name, next: next.name },
      `${failed.name} failed; falling back to ${next.name}`,
    );
}

function countChanges(result: Reconciliation): BodyScrapeReport['changes'] {
  const count = (kind: string) => result.changes.filter((c) => c.change === kind).length;
  return {
    new: count('new'),
    moved: count('moved'),
    cancelled: count('cancelled'),
    updated: count('updated'),
  };
}
