import fc from 'fast-check';
import type { JsonSchema } from './operations.js';

const MAX_DEPTH = 4;

/** A value of the wrong kind for almost any field. */
export const wrongValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.jsonValue({ maxDepth: 2 }),
  fc.constantFrom('', ' ', '__proto__', 'constructor', '0', '-1', '1e999', 'NaN', '\u0000', '../../etc'),
);

function listOf(value: unknown): JsonSchema[] | undefined {
  return Array.isArray(value) ? (value as JsonSchema[]) : undefined;
}

/** Strings matching a schema pattern; fast-check refuses some regex features, then plain strings do. */
function matching(pattern: string, maxLength: number | undefined): fc.Arbitrary<string> {
  try {
    return fc.stringMatching(new RegExp(pattern), { maxLength: maxLength ?? 64 });
  } catch {
    return fc.string({ maxLength: 40 });
  }
}

function stringOf(schema: JsonSchema): fc.Arbitrary<string> {
  const { pattern, format, minLength, maxLength, examples } = schema as {
    pattern?: string;
    format?: string;
    minLength?: number;
    maxLength?: number;
    examples?: string[];
  };
  if (format === 'email') return fc.emailAddress();
  if (format === 'uri') return fc.webUrl();
  if (format === 'date-time') return fc.date({ noInvalidDate: true }).map((d) => d.toISOString());
  const plain = fc.string({ minLength: minLength ?? 0, maxLength: Math.min(maxLength ?? 40, 200) });
  const choices: fc.Arbitrary<string>[] = [plain];
  if (pattern) choices.push(matching(pattern, maxLength));
  if (examples?.length) choices.push(fc.constantFrom(...examples));
  return fc.oneof(...choices);
}

function numberOf(schema: JsonSchema, integer: boolean): fc.Arbitrary<number> {
  const { minimum, maximum } = schema as { minimum?: number; maximum?: number };
  const min = minimum ?? -1e9;
  const max = maximum ?? 1e12;
  return integer
    ? fc.oneof(fc.integer({ min: Math.ceil(min), max: Math.floor(max) }), fc.constantFrom(min - 1, max + 1))
    : fc.double({ min, max, noNaN: true });
}

function objectOf(schema: JsonSchema, depth: number): fc.Arbitrary<unknown> {
  const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
  const required = (schema.required ?? []) as string[];
  const model = Object.fromEntries(Object.entries(properties).map(([k, s]) => [k, valueOf(s, depth + 1)]));
  const known = fc.record(model, { requiredKeys: required.filter((k) => k in model) });
  const patterns = schema.patternProperties as Record<string, JsonSchema> | undefined;
  const extra = patterns
    ? fc.dictionary(fc.string({ maxLength: 20 }), valueOf(Object.values(patterns)[0]!, depth + 1), {
        maxKeys: 4,
      })
    : fc.dictionary(fc.string({ maxLength: 12 }), wrongValue, { maxKeys: 1 });
  return fc.tuple(known, fc.option(extra, { freq: 4 })).map(([k, e]) => ({ ...(e ?? {}), ...k }));
}

function typedValue(schema: JsonSchema, type: string, depth: number): fc.Arbitrary<unknown> {
  switch (type) {
    case 'object':
      return objectOf(schema, depth);
    case 'array':
      return fc.array(valueOf((schema.items ?? {}) as JsonSchema, depth + 1), { maxLength: 5 });
    case 'string':
      return stringOf(schema);
    case 'integer':
    case 'number':
      return numberOf(schema, type === 'integer');
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

/** Mostly values the schema allows (so requests reach the handlers), sometimes a wrong one in their place. */
function rightValue(schema: JsonSchema, depth: number): fc.Arbitrary<unknown> {
  if (depth > MAX_DEPTH) return fc.constant(null);
  if ('const' in schema) return fc.constant(schema.const);
  if (Array.isArray(schema.enum)) return fc.constantFrom(...(schema.enum as unknown[]));
  const union = listOf(schema.anyOf) ?? listOf(schema.oneOf);
  if (union) return fc.oneof(...union.map((s) => valueOf(s, depth + 1)));
  const all = listOf(schema.allOf);
  if (all) return valueOf(Object.assign({}, ...all) as JsonSchema, depth + 1);
  const types = Array.isArray(schema.type) ? (schema.type as string[]) : [String(schema.type ?? 'any')];
  return fc.oneof(...types.map((type) => typedValue(schema, type, depth)));
}

/** Values for a JSON Schema: nine in ten shaped like it (possibly still invalid), one in ten wrong. */
export function valueOf(schema: JsonSchema, depth = 0): fc.Arbitrary<unknown> {
  return fc.oneof({ arbitrary: rightValue(schema, depth), weight: 9 }, { arbitrary: wrongValue, weight: 1 });
}
