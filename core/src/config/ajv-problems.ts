import type { ErrorObject } from 'ajv';
import { describeValue, didYouMean, pointerJoin, type ProblemDraft } from './problems.js';

type SchemaLike = {
  properties?: Record<string, SchemaLike>;
  patternProperties?: Record<string, SchemaLike>;
  examples?: unknown[];
  default?: unknown;
  description?: string;
  type?: string | string[];
};

/** Turns ajv errors into located, explained problems: one per cause, typos with "did you mean". */
export function problemsFromAjv(errors: readonly ErrorObject[], prefix = ''): ProblemDraft[] {
  const noise = unionNoise(errors);
  const meaningful = errors.filter((error) => !noise.has(error));
  const merged = mergeTypeErrors(meaningful);
  return merged.map((error) => toProblem(error, prefix));
}

/**
 * For a union (`anyOf`/`oneOf`) ajv reports every branch's failure plus a summary. When some branch got
 * deeper into the value (the user clearly meant that form), only its errors are worth showing; otherwise
 * the branch errors at the union's own path stay (and type errors merge into "expected A or B").
 */
function unionNoise(errors: readonly ErrorObject[]): Set<ErrorObject> {
  const noise = new Set<ErrorObject>();
  for (const union of errors.filter((error) => error.keyword === 'anyOf' || error.keyword === 'oneOf')) {
    noise.add(union);
    const at = union.instancePath;
    const deeper = errors.some((error) => error.instancePath.startsWith(`${at}/`));
    if (deeper) for (const error of errors) if (error.instancePath === at) noise.add(error);
  }
  return noise;
}

/** Several `type` errors at one path (from a union) become one "expected A or B". */
function mergeTypeErrors(errors: readonly ErrorObject[]): ErrorObject[] {
  const byPath = new Map<string, ErrorObject>();
  const out: ErrorObject[] = [];
  for (const error of errors) {
    if (error.keyword !== 'type') {
      out.push(error);
      continue;
    }
    const seen = byPath.get(error.instancePath);
    if (seen) {
      seen.params = { type: `${String(seen.params.type)} or ${String(error.params.type)}` };
    } else {
      const copy = { ...error, params: { ...error.params } };
      byPath.set(error.instancePath, copy);
      out.push(copy);
    }
  }
  return out;
}

function toProblem(error: ErrorObject, prefix: string): ProblemDraft {
  const path = prefix + error.instancePath;
  const parent = (error.parentSchema ?? {}) as SchemaLike;
  switch (error.keyword) {
    case 'additionalProperties':
      return unknownKey(path, String(error.params.additionalProperty), parent);
    case 'required':
      return missingKey(path, String(error.params.missingProperty), parent);
    case 'type':
      return {
        path,
        message: `wrong type`,
        expected: String(error.params.type),
        found: describeValue(error.data),
        fix: exampleFix(parent),
      };
    case 'enum':
      return badEnum(path, error.params.allowedValues as unknown[], error.data);
    default:
      return {
        path,
        message: `value ${error.message ?? 'is not allowed'}`,
        found: describeValue(error.data),
        fix: exampleFix(parent),
      };
  }
}

function unknownKey(path: string, key: string, parent: SchemaLike): ProblemDraft {
  const keyPath = pointerJoin(path, key);
  if (parent.patternProperties) {
    const pattern = Object.keys(parent.patternProperties)[0] ?? '';
    return {
      path: keyPath,
      message: `"${key}" is not a valid name here`,
      expected: `a name matching ${pattern}`,
      found: JSON.stringify(key),
      fix: 'Use lower-case letters, digits and dashes.',
    };
  }
  const known = Object.keys(parent.properties ?? {});
  const guess = didYouMean(key, known);
  return {
    path: keyPath,
    message: `unknown key "${key}"`,
    expected: known.length > 0 ? `one of ${known.join(', ')}` : 'no keys here',
    found: JSON.stringify(key),
    fix: guess
      ? `Did you mean "${guess}"? Rename the key.`
      : 'Remove the key, or check the spelling against the plugin README.',
  };
}

function missingKey(path: string, key: string, parent: SchemaLike): ProblemDraft {
  const schema = parent.properties?.[key] ?? {};
  const example = schema.examples?.[0];
  return {
    path: pointerJoin(path, key),
    message: `missing required key "${key}"${schema.description ? ` (${schema.description})` : ''}`,
    expected: describeType(schema),
    found: 'nothing',
    fix: example === undefined ? `Add "${key}".` : `Add it, e.g. ${key}: ${JSON.stringify(example)}`,
  };
}

function badEnum(path: string, allowed: unknown[], found: unknown): ProblemDraft {
  const words = allowed.map(String);
  const guess = typeof found === 'string' ? didYouMean(found, words) : undefined;
  return {
    path,
    message: 'not one of the allowed values',
    expected: `one of ${words.join(', ')}`,
    found: describeValue(found),
    fix: guess ? `Did you mean "${guess}"?` : `Use one of: ${words.join(', ')}.`,
  };
}

function describeType(schema: SchemaLike): string {
  return Array.isArray(schema.type) ? schema.type.join(' or ') : (schema.type ?? 'a value');
}

function exampleFix(schema: SchemaLike): string | undefined {
  const example = schema.examples?.[0] ?? schema.default;
  return example === undefined ? undefined : `For example: ${JSON.stringify(example)}`;
}
