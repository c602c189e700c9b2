import { EmError, type ScrapeInput } from '@encoder-manager/sdk';

const EXPECTED = 'a CivicClerk OData reply (`GET /v1/Events`: {"value": [events…]})';

/** An `EM_SCRAPE_PARSE` naming the source. */
export function parseError(input: ScrapeInput, what: string, cause?: unknown): EmError {
  return new EmError('EM_SCRAPE_PARSE', `${input.source}: ${what}`, {
    hint: `Check that ${input.url} serves ${EXPECTED} and that the catalog source type "civicclerk" is right.`,
    details: { url: input.url, contentType: input.contentType },
    cause,
  });
}

/** An OData events page: its events and the link to the next page, if any. */
export interface ODataPage {
  readonly events: ReadonlyArray<Readonly<Record<string, unknown>>>;
  readonly nextLink: string | undefined;
}

/** Reads the body as an OData v4 collection (`value[]`, `@odata.nextLink`). */
export function readODataPage(input: ScrapeInput): ODataPage {
  const text = new TextDecoder('utf-8').decode(input.body).replace(/^\uFEFF/, '');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (cause) {
    throw parseError(input, `not JSON ("${text.slice(0, 40).replace(/[^\x20-\x7e]/g, '?')}")`, cause);
  }
  const root = typeof json === 'object' && json !== null ? (json as Record<string, unknown>) : {};
  const value = root['value'];
  if (!Array.isArray(value) || !value.every(isEvent)) {
    const odataError = (root['error'] as { message?: unknown } | undefined)?.message;
    const what =
      typeof odataError === 'string' ? `CivicClerk replied "${odataError}"` : 'no "value" array of events';
    throw parseError(input, what);
  }
  const nextLink = root['@odata.nextLink'];
  return { events: value, nextLink: typeof nextLink === 'string' && nextLink !== '' ? nextLink : undefined };
}

function isEvent(value: unknown): value is Readonly<Record<string, unknown>> {
  return (
    typeof value === 'object' &&
    value !== null &&
    'id' in value &&
    ('startDateTime' in value || 'eventDate' in value)
  );
}
