import fc from 'fast-check';
import type { Operation } from './operations.js';
import type { RawRequest } from './raw-http.js';
import { valueOf, wrongValue } from './schema-values.js';
import { headersArbitrary, type Credentials } from './headers.js';

/** Ids that exist in the test agent, per path parameter name, so requests also reach the handlers. */
export type KnownIds = Readonly<Record<string, readonly string[]>>;

/** One generated request and the operation it was aimed at. */
export interface FuzzCase {
  readonly operation: Operation;
  readonly request: RawRequest;
}

/** Percent-encoding that never throws: a lone surrogate becomes its (invalid) UTF-8 bytes, still a fuzz. */
function encode(text: string): string {
  try {
    return encodeURIComponent(text);
  } catch {
    return '%ED%A0%80';
  }
}

const GARBAGE_SEGMENTS = [
  '%',
  '%zz',
  '%E0%A4%A',
  '%00',
  '..',
  '%2e%2e',
  '%2F',
  'a%2Fb',
  '%C0%AF',
  ';',
  '*',
  '~',
];
const OTHER_METHODS = [
  'GET',
  'POST',
  'PUT',
  'DELETE',
  'PATCH',
  'OPTIONS',
  'HEAD',
  'TRACE',
  'PROPFIND',
  'get',
];

function segment(name: string, known: KnownIds): fc.Arbitrary<string> {
  return fc.oneof(
    { arbitrary: fc.constantFrom(...(known[name] ?? ['x'])), weight: 5 },
    {
      arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 30 }).map(encode),
      weight: 3,
    },
    { arbitrary: fc.constantFrom(...GARBAGE_SEGMENTS, 'x'.repeat(5000)), weight: 1 },
  );
}

function pathOf(operation: Operation, known: KnownIds): fc.Arbitrary<string> {
  const names = operation.pathParams;
  return fc
    .tuple(...names.map((n) => segment(n, known)))
    .map((values) => names.reduce((path, name, i) => path.replace(`{${name}}`, values[i]!), operation.path));
}

const queryValue = (value: unknown): string[] =>
  Array.isArray(value)
    ? value.flatMap(queryValue)
    : [typeof value === 'string' ? value : JSON.stringify(value)];

function queryOf(operation: Operation): fc.Arbitrary<string> {
  const declared = operation.query.map(({ name, schema }) =>
    fc.option(
      valueOf(schema).map((v) => queryValue(v).map((x) => `${name}=${encode(x ?? '')}`)),
      {
        freq: 2,
      },
    ),
  );
  const unknown = fc.array(
    fc
      .tuple(fc.string({ maxLength: 12 }), wrongValue)
      .map(([k, v]) => `${encode(k)}=${encode(queryValue(v).join(','))}`),
    { maxLength: 2 },
  );
  const raw = fc.array(
    fc.constantFrom(
      '%',
      '%zz',
      '&&',
      '==',
      'a=%FF%FE',
      'limit=1&limit=2',
      'x[y]=1',
      '__proto__[a]=1',
      '?',
      'a=b=c',
    ),
    {
      maxLength: 2,
    },
  );
  // Most queries use only declared parameters (so they can pass validation); some add junk.
  const junk = fc.oneof(
    { arbitrary: fc.constant([]), weight: 3 },
    { arbitrary: fc.tuple(unknown, raw).map((x) => x.flat()), weight: 1 },
  );
  return fc
    .tuple(fc.tuple(...declared), junk)
    .map(([parts, extra]) => [...parts.flatMap((p) => p ?? []), ...extra].join('&'));
}

const DEEP = '['.repeat(5000) + ']'.repeat(5000);
const INVALID_JSON = [
  '{',
  '{"a":',
  '[1,2',
  '{"a":1}}',
  'nul',
  "{'a':1}",
  '{"a":01}',
  '\u0000',
  '"\\ud800"',
  '{"a":1,}',
];

function bodyOf(operation: Operation): fc.Arbitrary<Buffer | undefined> {
  const json = (arb: fc.Arbitrary<unknown>) => arb.map((v) => Buffer.from(JSON.stringify(v) ?? 'null'));
  const variants = [
    { arbitrary: json(fc.jsonValue({ maxDepth: 3 })), weight: 2 },
    { arbitrary: fc.constantFrom(...INVALID_JSON, DEEP).map((t) => Buffer.from(t)), weight: 1 },
    {
      arbitrary: fc.constant(Buffer.from('{"__proto__":{"polluted":1},"constructor":{"prototype":{"x":1}}}')),
      weight: 1,
    },
    { arbitrary: fc.constant(Buffer.alloc(70_000, 0x61)), weight: 1 },
    { arbitrary: fc.uint8Array({ maxLength: 64 }).map((b) => Buffer.from(b)), weight: 1 },
  ];
  if (!operation.body) return fc.oneof({ arbitrary: fc.constant(undefined), weight: 6 }, ...variants);
  return fc.oneof(
    { arbitrary: json(valueOf(operation.body)), weight: 10 },
    { arbitrary: fc.constant(undefined), weight: 1 },
    ...variants,
  );
}

/** A request aimed at `operation`: mostly its own method, with malformed path, query, headers and body. */
export function requestFor(
  operation: Operation,
  known: KnownIds,
  credentials: Credentials,
): fc.Arbitrary<FuzzCase> {
  const method = fc.oneof(
    { arbitrary: fc.constant(operation.method), weight: 9 },
    fc.constantFrom(...OTHER_METHODS),
  );
  const upgrade = operation.path.endsWith('/events');
  return fc
    .record({
      method,
      path: pathOf(operation, known),
      query: queryOf(operation),
      headers: headersArbitrary(credentials, upgrade),
      body: bodyOf(operation),
      chunked: fc.boolean(),
    })
    .map(({ method: m, path, query, headers, body, chunked }) => ({
      operation,
      request: {
        method: m,
        target: query ? `${path}?${query}` : path,
        headers,
        ...(body ? { body } : {}),
        framing: body === undefined ? 'none' : chunked ? 'chunked' : 'length',
      },
    }));
}

/** Requests spread over every operation of the document. */
export function anyRequest(
  operations: readonly Operation[],
  known: KnownIds,
  credentials: Credentials,
): fc.Arbitrary<FuzzCase> {
  return fc.oneof(...operations.map((operation) => requestFor(operation, known, credentials)));
}
