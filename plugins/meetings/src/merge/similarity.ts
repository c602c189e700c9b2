import { distance } from 'fastest-levenshtein';

// Words too common in meeting titles to say two titles are about the same body.
const FILLER = new Set([
  'the',
  'of',
  'and',
  'for',
  'meeting',
  'regular',
  'city',
  'county',
  'board',
  'committee',
]);

function normalized(title: string): string {
  return title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

function significantWords(title: string): Set<string> {
  return new Set(
    normalized(title)
      .split(' ')
      .filter((w) => w.length > 2 && !FILLER.has(w)),
  );
}

/**
 * How alike two meeting titles are, 0–1: the better of the Levenshtein ratio of the normalised titles
 * and the share of significant words the shorter title has in common with the longer one (so
 * "Board of Commissioners" matches "Mecklenburg Board of County Commissioners Regular Meeting").
 */
export function titleSimilarity(a: string, b: string): number {
  const left = normalized(a);
  const right = normalized(b);
  if (left === right) return 1;
  const longest = Math.max(left.length, right.length);
  const ratio = longest === 0 ? 0 : 1 - distance(left, right) / longest;
  const wordsA = significantWords(a);
  const wordsB = significantWords(b);
  const fewer = Math.min(wordsA.size, wordsB.size);
  const shared = [...wordsA].filter((word) => wordsB.has(word)).length;
  return Math.max(ratio, fewer === 0 ? 0 : shared / fewer);
}
