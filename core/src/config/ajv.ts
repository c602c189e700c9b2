import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import type { TSchema } from '@encoder-manager/sdk';

/**
 * One ajv instance for every schema: defaults applied in place, all errors collected, `verbose` so
 * error messages can quote the offending value and the schema around it.
 */
export function createAjv(): Ajv {
  const ajv = new Ajv({ allErrors: true, useDefaults: true, verbose: true, strict: 'log', logger: false });
  addFormats.default(ajv);
  // Marks secrets for redaction in logs and API reads; has no effect on validation.
  ajv.addKeyword({ keyword: 'secret', schemaType: 'boolean' });
  return ajv;
}

const cache = new WeakMap<object, ValidateFunction>();

/** Validates (and defaults) `data` in place; returns ajv's errors. */
export function validateWith(ajv: Ajv, schema: TSchema, data: unknown): ErrorObject[] {
  let validate = cache.get(schema);
  if (!validate) {
    validate = ajv.compile(schema);
    cache.set(schema, validate);
  }
  return validate(data) ? [] : [...(validate.errors ?? [])];
}
