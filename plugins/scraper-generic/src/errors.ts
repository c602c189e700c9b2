import { EmError, type ScrapeInput } from '@encoder-manager/sdk';

/** An `EM_SCRAPE_PARSE` naming the source. */
export function parseError(input: ScrapeInput, what: string, cause?: unknown): EmError {
  return new EmError('EM_SCRAPE_PARSE', `${input.source}: ${what}`, {
    hint: `Check that ${input.url} still has the shape the source's options describe (items/rows and fields).`,
    details: { url: input.url, contentType: input.contentType },
    cause,
  });
}

/** An `EM_CONFIG_INVALID` for one option of the source. */
export function optionError(input: ScrapeInput, key: string, what: string, cause?: unknown): EmError {
  return new EmError('EM_CONFIG_INVALID', `${input.source}: options.${key} ${what}`, {
    hint: `Fix options.${key} of source "${input.source}" in the meetings catalog.`,
    cause,
  });
}

/** The body as text (UTF-8, BOM removed). */
export function bodyText(input: ScrapeInput): string {
  return new TextDecoder('utf-8').decode(input.body).replace(/^\uFEFF/, '');
}

/** The first characters of a text, printable, for error messages. */
export function preview(text: string): string {
  return text.slice(0, 40).replace(/[^\x20-\x7e]/g, '?');
}
