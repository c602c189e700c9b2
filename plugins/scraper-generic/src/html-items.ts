import type { ScrapeInput } from '@encoder-manager/sdk';
import { selectAll as cssSelectAll, selectOne as cssSelectOne } from 'css-select';
import type { AnyNode, Element } from 'domhandler';
import { textContent } from 'domutils';
import { parseDocument } from 'htmlparser2';
import { bodyText, optionError, parseError, preview } from './errors.js';
import type { FieldReader } from './fields.js';

/**
 * One field reader per row the `rows` CSS selector matches. A field spec is a selector relative to the row
 * (`.` = the row), optionally ending in `@attr` to read an attribute; `href`/`src` become absolute URLs.
 */
export function htmlRowReaders(input: ScrapeInput, rowsSelector: string | undefined): FieldReader[] {
  if (!rowsSelector)
    throw optionError(input, 'rows', 'is required for HTML documents (a CSS selector of the rows)');
  const text = bodyText(input);
  if (!/<(html|body|table|div|ul)\b/i.test(text))
    throw parseError(input, `not an HTML page ("${preview(text)}")`);
  const rows = select(input, 'rows', () => cssSelectAll<AnyNode, Element>(rowsSelector, parseDocument(text)));
  if (rows.length === 0)
    throw parseError(input, `rows selector "${rowsSelector}" matches nothing on the page`);
  return rows.map((row) => (spec: string) => readCell(input, row, spec));
}

function readCell(input: ScrapeInput, row: Element, spec: string): string | undefined {
  const at = spec.lastIndexOf('@');
  const selector = (at >= 0 ? spec.slice(0, at) : spec).trim();
  const attribute = at >= 0 ? spec.slice(at + 1).trim() : undefined;
  const target =
    selector === '' || selector === '.'
      ? row
      : select(input, 'fields', () => cssSelectOne<AnyNode, Element>(selector, row));
  if (!target) return undefined;
  const value = attribute ? target.attribs[attribute] : textContent(target).replace(/[\u00a0\s]+/g, ' ');
  const trimmed = value?.trim();
  if (!trimmed) return undefined;
  return attribute === 'href' || attribute === 'src' ? absolute(trimmed, input.url) : trimmed;
}

function select<T>(input: ScrapeInput, key: string, run: () => T): T {
  try {
    return run();
  } catch (cause) {
    throw optionError(
      input,
      key,
      `has an unusable CSS selector (${String((cause as Error).message)})`,
      cause,
    );
  }
}

function absolute(url: string, base: string): string | undefined {
  try {
    return new URL(url, base).toString();
  } catch {
    return undefined;
  }
}
