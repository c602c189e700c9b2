import type { StreamEntry } from './ring.js';

/** What a connection wants: event name patterns (`*`, `alert.*`, `encoder.state`) and exact labels. */
export interface StreamFilter {
  readonly events: readonly string[];
  readonly labels: Readonly<Record<string, string>>;
}

const PATTERN = /^(\*|[a-z]+(\.[a-z*]+)?)$/;
const LABEL = /^([A-Za-z_][\w.-]{0,63})=(.{0,128})$/;

/** Everything, the default. */
export const ALL_EVENTS: StreamFilter = { events: ['*'], labels: {} };

function matchesName(pattern: string, name: string): boolean {
  if (pattern === '*' || pattern === name) return true;
  return pattern.endsWith('.*') && name.startsWith(pattern.slice(0, -1));
}

export function matchesFilter(filter: StreamFilter, entry: StreamEntry): boolean {
  if (!filter.events.some((pattern) => matchesName(pattern, entry.type))) return false;
  return Object.entries(filter.labels).every(([name, value]) => entry.labels[name] === value);
}

/** A filter from `events` patterns and `name=value` labels; throws naming the bad part. */
export function parseFilter(
  events: readonly string[] | undefined,
  labels: readonly string[] | undefined,
): StreamFilter {
  const names = (events ?? ['*'])
    .flatMap((e) => e.split(','))
    .map((e) => e.trim())
    .filter((e) => e.length > 0);
  const badName = names.find((name) => !PATTERN.test(name));
  if (badName !== undefined || names.length > 50)
    throw new Error(
      `events: "${badName ?? 'more than 50'}" is not an event name or pattern like alert.* or *`,
    );
  const pairs: Record<string, string> = {};
  for (const label of labels ?? []) {
    const match = LABEL.exec(label);
    if (!match) throw new Error(`label: "${label}" must be name=value`);
    pairs[match[1]!] = match[2]!;
  }
  return { events: names.length > 0 ? names : ['*'], labels: pairs };
}
