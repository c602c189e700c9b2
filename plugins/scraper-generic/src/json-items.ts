import type { ScrapeInput } from '@encoder-manager/sdk';
import { JSONPath } from 'jsonpath-plus';
import { bodyText, optionError, parseError, preview } from './errors.js';
import type { FieldReader } from './fields.js';

/** Evaluates a JSONPath safely (script expressions are refused: the options come from a catalog). */
function query(path: string, json: unknown): unknown[] {
  return JSONPath({ path, json: json as object, wrap: true, eval: false }) as unknown[];
}

/**
 * One field reader per item the `items` JSONPath selects (default `$[*]`, a top-level array). Zero items is
 * an empty calendar only when the path ends in `[*]` and its container is an array; otherwise the
 * document does not have the configured shape.
 */
export function jsonItemReaders(input: ScrapeInput, itemsPath = '$[*]'): FieldReader[] {
  const text = bodyText(input);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (cause) {
    throw parseError(input, `not JSON ("${preview(text)}")`, cause);
  }
  const items = evaluate(input, 'items', itemsPath, json);
  if (items.length === 0 && !isEmptyArrayContainer(input, itemsPath, json)) {
    throw parseError(input, `items path ${itemsPath} matches nothing in the document`);
  }
  return items.map(
    (item) => (spec: string) => scalarText(evaluate(input, 'fields', relative(spec), item)[0]),
  );
}

function isEmptyArrayContainer(input: ScrapeInput, itemsPath: string, json: unknown): boolean {
  const container = itemsPath.replace(/\[\*\]$/, '');
  if (container === itemsPath) return false;
  const [found] = evaluate(input, 'items', container, json);
  return Array.isArray(found);
}

function evaluate(input: ScrapeInput, key: string, path: string, json: unknown): unknown[] {
  try {
    return query(path, json);
  } catch (cause) {
    throw optionError(
      input,
      key,
      `has an unusable JSONPath "${path}" (${String((cause as Error).message)})`,
      cause,
    );
  }
}

/** Field paths may start with `$.`, `$[`, or be bare (`attributes.title`). */
function relative(spec: string): string {
  return spec.startsWith('$') ? spec : `$.${spec}`;
}

function scalarText(value: unknown): string | undefined {
  if (typeof value === 'string') return value.trim() === '' ? undefined : value.trim();
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}
