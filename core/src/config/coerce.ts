import type { ErrorObject } from 'ajv';
import { pointerSegments } from './problems.js';

/**
 * Environment values are strings; where a whole value was `${VAR}` and the schema wants a number or
 * boolean, convert it. Only those values are touched, so a literal `"5"` typed in the file still fails.
 * Returns whether anything changed (the caller then validates again).
 */
export function coerceEnvValues(
  root: unknown,
  errors: readonly ErrorObject[],
  fromEnv: ReadonlySet<string>,
  prefix = '',
): boolean {
  let changed = false;
  for (const error of errors) {
    const pointer = prefix + error.instancePath;
    if (error.keyword !== 'type' || !fromEnv.has(pointer) || typeof error.data !== 'string') continue;
    const value = convert(error.data, String(error.params.type));
    if (value === undefined) continue;
    changed = setAt(root, pointerSegments(error.instancePath), value) || changed;
  }
  return changed;
}

function convert(text: string, type: string): number | boolean | undefined {
  if ((type === 'integer' || type === 'number') && text.trim() !== '' && Number.isFinite(Number(text))) {
    const number = Number(text);
    return type === 'integer' && !Number.isInteger(number) ? undefined : number;
  }
  if (type === 'boolean' && (text === 'true' || text === 'false')) return text === 'true';
  return undefined;
}

function setAt(root: unknown, segments: readonly string[], value: unknown): boolean {
  let node = root;
  for (const segment of segments.slice(0, -1)) {
    if (typeof node !== 'object' || node === null) return false;
    node = (node as Record<string, unknown>)[segment];
  }
  const last = segments.at(-1);
  if (typeof node !== 'object' || node === null || last === undefined) return false;
  (node as Record<string, unknown>)[last] = value;
  return true;
}
