import type { LabelMatcher } from '@encoder-manager/sdk';

/** Whether every matcher holds for the labels (a missing label is the empty string, as in Alertmanager). */
export function matchesAll(
  matchers: readonly LabelMatcher[],
  labels: Readonly<Record<string, string>>,
): boolean {
  return matchers.every((matcher) => matches(matcher, labels[matcher.name] ?? ''));
}

function matches(matcher: LabelMatcher, value: string): boolean {
  switch (matcher.op) {
    case '=':
      return value === matcher.value;
    case '!=':
      return value !== matcher.value;
    case '=~':
      return fullMatch(matcher.value).test(value);
    case '!~':
      return !fullMatch(matcher.value).test(value);
  }
}

const cache = new Map<string, RegExp>();

/** Alertmanager regex matchers are anchored at both ends. */
function fullMatch(pattern: string): RegExp {
  let regex = cache.get(pattern);
  if (!regex) {
    regex = new RegExp(`^(?:${pattern})$`);
    cache.set(pattern, regex);
  }
  return regex;
}
