import { EmError, Type, type ScrapeInput, type Static } from '@encoder-manager/sdk';
import { Value } from '@sinclair/typebox/value';

const Path = Type.String({ minLength: 1 });

const LinkSpec = Type.Object(
  {
    kind: Type.Union([
      Type.Literal('agenda'),
      Type.Literal('minutes'),
      Type.Literal('video'),
      Type.Literal('packet'),
      Type.Literal('other'),
    ]),
    title: Type.String({ minLength: 1 }),
    url: Path,
  },
  { additionalProperties: false },
);

/**
 * Field specs: a JSONPath relative to the item (JSON) or a CSS selector relative to the row (HTML, with
 * an optional `@attribute` suffix, `.` for the row itself). A spec with `{…}` is a template whose braces
 * hold such expressions, e.g. `https://x.example/event/{$.id}`.
 */
const Fields = Type.Object(
  {
    title: Path,
    start: Type.Optional(Path),
    end: Type.Optional(Path),
    date: Type.Optional(Path),
    time: Type.Optional(Path),
    endTime: Type.Optional(Path),
    locationName: Type.Optional(Path),
    locationAddress: Type.Optional(Path),
    id: Type.Optional(Path),
    sourceUrl: Type.Optional(Path),
    notes: Type.Optional(Type.Array(Path)),
    links: Type.Optional(Type.Array(LinkSpec)),
  },
  { additionalProperties: false },
);

/** The options of a `generic-json` or `generic-html` source, as a schema (validated on every parse). */
export const GenericOptionsSchema = Type.Object(
  {
    items: Type.Optional(
      Type.String({ minLength: 1, description: 'JSONPath to the items (JSON); default `$[*]`.' }),
    ),
    rows: Type.Optional(Type.String({ minLength: 1, description: 'CSS selector of the rows (HTML).' })),
    fields: Fields,
    times: Type.Optional(Type.Union([Type.Literal('local'), Type.Literal('instant')], { default: 'local' })),
    startFormat: Type.Optional(Type.String({ minLength: 1 })),
    dateFormat: Type.Optional(Type.String({ minLength: 1 })),
    timeFormat: Type.Optional(Type.String({ minLength: 1 })),
    defaultTime: Type.Optional(Type.String({ minLength: 1 })),
    include: Type.Optional(Type.Record(Type.String(), Type.String())),
    exclude: Type.Optional(Type.Record(Type.String(), Type.String())),
    dedupe: Type.Optional(Type.Boolean({ default: true })),
  },
  { additionalProperties: false },
);

export type GenericOptions = Static<typeof GenericOptionsSchema>;
export type FieldSpecs = Static<typeof Fields>;

/** Validated options, with the include/exclude patterns compiled. */
export interface ResolvedOptions extends GenericOptions {
  readonly includePatterns: ReadonlyArray<[string, RegExp]>;
  readonly excludePatterns: ReadonlyArray<[string, RegExp]>;
}

/** Checks a source's options against the schema; every problem is listed with its path. */
export function resolveOptions(input: ScrapeInput): ResolvedOptions {
  const raw: unknown = input.options ?? {};
  const problems = [...Value.Errors(GenericOptionsSchema, raw)].map((e) => `${e.path || '/'} ${e.message}`);
  const options = raw as GenericOptions;
  if (problems.length === 0 && !options.fields.start && !options.fields.date)
    problems.push('/fields needs start or date');
  if (problems.length > 0) {
    throw new EmError(
      'EM_CONFIG_INVALID',
      `${input.source}: invalid generic scraper options: ${problems.join('; ')}`,
      {
        hint: `Fix options of source "${input.source}" in the meetings catalog (see plugins/scraper-generic/README.md).`,
        details: { problems },
      },
    );
  }
  return {
    ...options,
    includePatterns: compile(input, 'include', options.include),
    excludePatterns: compile(input, 'exclude', options.exclude),
  };
}

function compile(
  input: ScrapeInput,
  key: string,
  map: Record<string, string> | undefined,
): Array<[string, RegExp]> {
  return Object.entries(map ?? {}).map(([field, pattern]) => {
    try {
      return [field, new RegExp(pattern, 'i')];
    } catch (cause) {
      throw new EmError(
        'EM_CONFIG_INVALID',
        `${input.source}: options.${key}.${field} is not a valid regular expression`,
        {
          hint: `Fix options.${key}.${field} of source "${input.source}".`,
          cause,
        },
      );
    }
  });
}
