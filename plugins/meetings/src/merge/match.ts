import type { TrackedMeeting } from '../model.js';
import { titleSimilarity } from './similarity.js';

/** How close two listings must be to count as one meeting. */
export interface MatchRules {
  readonly matchWindowMs: number;
  readonly titleSimilarity: number;
}

/** A match score, or undefined when the two listings are different meetings. Higher is closer. */
export function matchScore(a: TrackedMeeting, b: TrackedMeeting, rules: MatchRules): number | undefined {
  if (a.groupKey !== b.groupKey) return undefined;
  const apart = Math.abs(a.startsAtMs - b.startsAtMs);
  if (apart > rules.matchWindowMs) return undefined;
  const similarity = titleSimilarity(a.title, b.title);
  if (similarity < rules.titleSimilarity) return undefined;
  // Title first; the time gap only breaks ties between equally similar titles.
  return similarity - apart / (rules.matchWindowMs + 1) / 100;
}

/** The best-scoring candidate for `meeting` among those not taken yet. */
export function bestMatch(
  meeting: TrackedMeeting,
  candidates: readonly TrackedMeeting[],
  taken: ReadonlySet<string>,
  rules: MatchRules,
): TrackedMeeting | undefined {
  let best: { candidate: TrackedMeeting; score: number } | undefined;
  for (const candidate of candidates) {
    if (taken.has(candidate.id)) continue;
    const score = matchScore(meeting, candidate, rules);
    if (score !== undefined && (!best || score > best.score)) best = { candidate, score };
  }
  return best?.candidate;
}
