import { scrapedLinkUrl } from '@encoder-manager/sdk';
import { selectAll as cssSelectAll, selectOne as cssSelectOne } from 'css-select';
import { isTag, type AnyNode, type Element } from 'domhandler';
import { textContent } from 'domutils';
import { parseDocument } from 'htmlparser2';
import type { GridCell, GridRow } from './grid-rows.js';

const selectAll = (query: string, root: AnyNode): Element[] => cssSelectAll<AnyNode, Element>(query, root);
const selectOne = (query: string, root: AnyNode): Element | null =>
  cssSelectOne<AnyNode, Element>(query, root);

/** Marks the `<em>` notes of a cell (e.g. "THIS MEETING HAS BEEN CANCELLED.") the way the row JSON does. */
export const EM_MARK = '--em--';

/**
 * Rows of the `Calendar.aspx` Telerik grid (`table.rgMasterTable`), keyed by column header, as City Scrapers'
 * LegistarSpider builds them: a cell with a link is `{ label, url }` (relative and `window.open`/`radopen`
 * URLs resolved), other cells are text. The iCalendar column has no header text; its link names it.
 * Returns undefined when the page has no grid.
 */
export function gridRowsFromHtml(html: string, pageUrl: string): GridRow[] | undefined {
  const document = parseDocument(html);
  const table = selectOne('table.rgMasterTable', document);
  if (!table) return undefined;
  const headers = selectAll('thead th', table).map((th) => clean(textContent(th)));
  return selectAll('tbody > tr', table)
    .filter((tr) => !/\brg(Pager|NoRecords)\b/.test(tr.attribs['class'] ?? ''))
    .map((tr) =>
      rowOf(
        tr.children.filter((child): child is Element => isTag(child) && child.name === 'td'),
        headers,
        pageUrl,
      ),
    );
}

function rowOf(cells: readonly Element[], headers: readonly string[], pageUrl: string): GridRow {
  const row: Record<string, GridCell> = {};
  cells.forEach((td, index) => {
    const cell = cellOf(td, pageUrl);
    const isICal = typeof cell === 'object' && /View\.ashx\?M=IC/i.test(cell.url ?? '');
    row[isICal ? 'iCalendar' : (headers[index] ?? `column ${index + 1}`)] = cell;
  });
  return row;
}

function cellOf(td: Element, pageUrl: string): GridCell {
  const link = selectAll('a', td)
    .map((a) => ({ label: clean(textContent(a)), url: linkUrl(a, pageUrl) }))
    .find((candidate) => candidate.url !== undefined);
  if (link) return link;
  const notes = selectAll('em', td).map((em) => clean(textContent(em)));
  const withoutNotes = notes.reduce((text, note) => text.replace(note, ''), clean(textContent(td)));
  return [clean(withoutNotes), ...notes.map((note) => `${EM_MARK}${note}${EM_MARK}`)]
    .filter(Boolean)
    .join('\n');
}

const SCRIPTED_URL = /(?:window\.open|radopen)\(\s*['"]([^'"]+)['"]/;

function linkUrl(a: Element, pageUrl: string): string | undefined {
  return scrapedLinkUrl({ href: a.attribs['href'], onclick: a.attribs['onclick'] }, pageUrl, SCRIPTED_URL);
}

function clean(text: string): string {
  return text.replace(/[\u00a0\s]+/g, ' ').trim();
}
