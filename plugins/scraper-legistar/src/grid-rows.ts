import type { ScrapeInput } from '@encoder-manager/sdk';
import { parseError, textOf } from './documents.js';
import { gridRowsFromHtml } from './grid-html.js';

/** A grid cell: text, or a link. */
export type GridCell = string | { readonly label?: string; readonly url?: string };
/** One grid row keyed by column header (`Name`, `Meeting Date`, `Meeting Time`, `Meeting Location` …). */
export type GridRow = Readonly<Record<string, GridCell>>;

const EXPECTED = 'the Legistar Calendar.aspx page (or its grid rows as a JSON array)';

/**
 * The grid rows of a `legistar-grid` document: the Calendar.aspx HTML page, or a JSON array of rows already
 * keyed by header (the shape City Scrapers' LegistarSpider produces, as in the CLE fixture).
 */
export function gridRowsOf(input: ScrapeInput): GridRow[] {
  const text = textOf(input);
  const trimmed = text.trimStart();
  if (trimmed.startsWith('[') || trimmed.startsWith('{')) return rowsFromJson(input, text);
  if (!/<(html|table|body)\b/i.test(text)) {
    throw parseError(
      input,
      `neither HTML nor JSON ("${text.slice(0, 40).replace(/[^\x20-\x7e]/g, '?')}")`,
      EXPECTED,
    );
  }
  const rows = gridRowsFromHtml(text, input.url);
  if (!rows)
    throw parseError(input, 'the page has no Legistar calendar grid (table.rgMasterTable)', EXPECTED);
  return rows;
}

function rowsFromJson(input: ScrapeInput, text: string): GridRow[] {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (cause) {
    throw parseError(input, 'invalid JSON', EXPECTED, cause);
  }
  if (!Array.isArray(json) || !json.every(isRow)) {
    throw parseError(input, 'expected a JSON array of grid rows with "Name" and "Meeting Date"', EXPECTED);
  }
  return json;
}

function isRow(value: unknown): value is GridRow {
  return typeof value === 'object' && value !== null && 'Name' in value && 'Meeting Date' in value;
}
