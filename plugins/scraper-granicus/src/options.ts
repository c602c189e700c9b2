import { EmError, type MeetingLocation, type ScrapeInput } from '@encoder-manager/sdk';

/** Parser options of a `granicus` source. */
export interface GranicusOptions {
  /** Archive panels (tab names, e.g. "City Council") to read; empty = all. */
  readonly bodies: readonly string[];
  /** Upcoming rows are kept only when their title matches (the upcoming table lists every body). */
  readonly upcomingTitle: RegExp | undefined;
  /** Time for rows whose date cell has none, e.g. "9:00 AM". */
  readonly defaultTime: string | undefined;
  /** ViewPublisher pages give no place; the catalog may. */
  readonly location: MeetingLocation | undefined;
}

/** Reads and checks a source's options; a wrong type is a config problem naming the source and option. */
export function granicusOptions(input: ScrapeInput): GranicusOptions {
  const raw = input.options ?? {};
  const bodies = raw['bodies'] ?? [];
  if (!Array.isArray(bodies) || !bodies.every((b): b is string => typeof b === 'string')) {
    throw optionError(input, 'bodies', 'an array of panel names');
  }
  const name = text(input, 'locationName');
  const address = text(input, 'locationAddress');
  return {
    bodies,
    upcomingTitle: pattern(input, text(input, 'upcomingTitle')),
    defaultTime: text(input, 'defaultTime'),
    location: name || address ? { ...(name ? { name } : {}), ...(address ? { address } : {}) } : undefined,
  };
}

function text(input: ScrapeInput, key: string): string | undefined {
  const value = input.options?.[key];
  if (value === undefined || typeof value === 'string') return value;
  throw optionError(input, key, 'a string');
}

function pattern(input: ScrapeInput, source: string | undefined): RegExp | undefined {
  if (source === undefined) return undefined;
  try {
    return new RegExp(source, 'i');
  } catch (cause) {
    throw optionError(input, 'upcomingTitle', `a valid regular expression ("${source}" is not)`, cause);
  }
}

function optionError(input: ScrapeInput, key: string, expected: string, cause?: unknown): EmError {
  return new EmError('EM_CONFIG_INVALID', `${input.source}: option "${key}" must be ${expected}`, {
    hint: `Fix options.${key} of source "${input.source}" in the meetings catalog.`,
    cause,
  });
}
