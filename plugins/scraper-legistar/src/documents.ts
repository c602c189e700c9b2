import { EmError, type ScrapeInput } from '@encoder-manager/sdk';

/** An `EM_SCRAPE_PARSE` naming the source, with a hint on what the source type expects. */
export function parseError(input: ScrapeInput, what: string, expected: string, cause?: unknown): EmError {
  return new EmError('EM_SCRAPE_PARSE', `${input.source}: ${what}`, {
    hint: `Check that ${input.url} serves ${expected} and that the catalog source type is right.`,
    details: { url: input.url, contentType: input.contentType },
    cause,
  });
}

/** The body as text (UTF-8, BOM removed). */
export function textOf(input: ScrapeInput): string {
  return new TextDecoder('utf-8').decode(input.body).replace(/^\uFEFF/, '');
}

/** The body parsed as JSON; a body that is not JSON is an `EM_SCRAPE_PARSE`. */
export function jsonOf(input: ScrapeInput, expected: string): unknown {
  const text = textOf(input);
  try {
    return JSON.parse(text);
  } catch (cause) {
    const preview = text.slice(0, 40).replace(/[^\x20-\x7e]/g, '?');
    throw parseError(input, `not JSON ("${preview}")`, expected, cause);
  }
}

/** A string option, or the fallback; any other type is a config problem naming the source and option. */
export function stringOption(input: ScrapeInput, key: string, fallback?: string): string | undefined {
  const value = input.options?.[key] ?? fallback;
  if (value === undefined || typeof value === 'string') return value;
  throw optionError(input, key, 'a string');
}

/** A whole-number option within [min, max], or the fallback. */
export function integerOption(
  input: ScrapeInput,
  key: string,
  fallback: number,
  min: number,
  max: number,
): number {
  const value = input.options?.[key] ?? fallback;
  if (typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max) return value;
  throw optionError(input, key, `a whole number from ${min} to ${max}`);
}

function optionError(input: ScrapeInput, key: string, expected: string): EmError {
  return new EmError('EM_CONFIG_INVALID', `${input.source}: option "${key}" must be ${expected}`, {
    hint: `Fix options.${key} of source "${input.source}" in the meetings catalog.`,
  });
}

/** `value` when it is a non-empty string after trimming, else undefined. */
export function nonEmpty(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}
