import { EmError } from '@encoder-manager/sdk';

/** Parser options a catalog entry may give an `ical` source. */
export interface IcalOptions {
  /** Recurrence instances starting this many days before now are kept. */
  readonly pastDays: number;
  /** Recurrence instances starting up to this many days after now are kept. */
  readonly futureDays: number;
  /** Regular expressions (case-insensitive) whose matches are removed from every title. */
  readonly titleRemove: readonly RegExp[];
  /** Upper bound on the instances one recurring event may produce (guards against `FREQ=MINUTELY`). */
  readonly maxInstances: number;
}

/** Defaults: a quarter back, a year ahead, and the "(Open)" session marker stripped from titles. */
export const ICAL_DEFAULTS = {
  pastDays: 92,
  futureDays: 366,
  // School and council CMS feeds mark public sessions "(Open)"; it is an access note, not part of the name.
  titleRemove: [String.raw`\s*\(open( session)?\)\s*$`],
  maxInstances: 1000,
} as const;

/** Reads and checks the options of one source; a wrong type is a config problem naming the source. */
export function icalOptions(source: string, raw: Readonly<Record<string, unknown>> = {}): IcalOptions {
  const patterns = raw['titleRemove'] ?? ICAL_DEFAULTS.titleRemove;
  if (!Array.isArray(patterns) || !patterns.every((p): p is string => typeof p === 'string')) {
    throw optionError(source, 'titleRemove', 'an array of regular expressions as strings');
  }
  return {
    pastDays: wholeNumber(source, raw, 'pastDays', ICAL_DEFAULTS.pastDays),
    futureDays: wholeNumber(source, raw, 'futureDays', ICAL_DEFAULTS.futureDays),
    maxInstances: wholeNumber(source, raw, 'maxInstances', ICAL_DEFAULTS.maxInstances),
    titleRemove: patterns.map((pattern) => compile(source, pattern)),
  };
}

function wholeNumber(
  source: string,
  raw: Readonly<Record<string, unknown>>,
  key: string,
  fallback: number,
): number {
  const value = raw[key] ?? fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    throw optionError(source, key, 'a whole number ≥ 0');
  }
  return value;
}

function compile(source: string, pattern: string): RegExp {
  try {
    return new RegExp(pattern, 'gi');
  } catch (cause) {
    throw optionError(source, 'titleRemove', `valid regular expressions ("${pattern}" is not)`, cause);
  }
}

function optionError(source: string, key: string, expected: string, cause?: unknown): EmError {
  return new EmError('EM_CONFIG_INVALID', `${source}: option "${key}" must be ${expected}`, {
    hint: `Fix options.${key} of source "${source}" in the meetings catalog.`,
    cause,
  });
}
