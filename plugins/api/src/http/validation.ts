import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import type { TSchema } from '@sinclair/typebox';
import { validationProblem, type FieldError } from './problem.js';

/** Query and path parameters arrive as strings: coerce to the schema's types (and to arrays). */
const coercing = new Ajv({ allErrors: true, strict: false, useDefaults: true, coerceTypes: 'array' });
/** JSON bodies are typed already: no coercion, so `"5"` for a number is an error naming the field. */
const strictJson = new Ajv({ allErrors: true, strict: false, useDefaults: true });
addFormats.default(coercing);
addFormats.default(strictJson);

/** Where in the request a value came from. */
export type RequestPart = 'params' | 'query' | 'body';

/** A compiled validator for one part of one route. */
export type PartValidator = (value: unknown) => unknown;

function pointerOf(part: RequestPart, error: ErrorObject): string {
  const params = error.params as { missingProperty?: string; additionalProperty?: string };
  const leaf = params.missingProperty ?? params.additionalProperty;
  return `/${part}${error.instancePath}${leaf === undefined ? '' : `/${leaf}`}`;
}

function detailOf(error: ErrorObject): string {
  if (error.keyword === 'additionalProperties') return 'is not a known field';
  if (error.keyword === 'required') return 'is required';
  if (error.keyword === 'enum')
    return `${error.message ?? 'is not allowed'}: ${(error.params as { allowedValues: unknown[] }).allowedValues.join(', ')}`;
  return error.message ?? 'is invalid';
}

/** The field errors of one failed validation, one per pointer. */
export function fieldErrors(part: RequestPart, errors: readonly ErrorObject[]): FieldError[] {
  const seen = new Map<string, FieldError>();
  for (const error of errors) {
    const pointer = pointerOf(part, error);
    if (!seen.has(pointer)) seen.set(pointer, { pointer, detail: detailOf(error) });
  }
  return [...seen.values()];
}

/** Compiles a validator that returns the (defaulted, coerced) value or throws a 400 naming the fields. */
export function compilePart(part: RequestPart, schema: TSchema): PartValidator {
  const validate: ValidateFunction = (part === 'body' ? strictJson : coercing).compile(schema);
  return (value) => {
    if (validate(value)) return value;
    throw validationProblem(fieldErrors(part, validate.errors ?? []));
  };
}
