import type { Element } from 'domhandler';
import { cleanText, linkTarget, selectAll } from './dom.js';

/** The columns of a ViewPublisher listing table the scraper reads. */
type Column = 'name' | 'date' | 'agenda' | 'minutes' | 'video';

/** One listing row: the meeting name, the date cell text and the links by column. */
export interface ListingRow {
  readonly name: string;
  readonly dateText: string;
  readonly links: Partial<Record<Exclude<Column, 'name' | 'date'>, string>>;
  /** The panel (body) the row's table sits in, e.g. "City Council"; undefined for the upcoming table. */
  readonly panel: string | undefined;
}

const HEADER_COLUMNS: ReadonlyArray<[RegExp, Column]> = [
  [/^(meeting|name)$/i, 'name'],
  [/date/i, 'date'],
  [/agenda/i, 'agenda'],
  [/minutes/i, 'minutes'],
  [/video/i, 'video'],
];

/** The rows of one `table.listingTable`, columns found from its header cells. */
export function rowsOfTable(table: Element, pageUrl: string, panel: string | undefined): ListingRow[] {
  const headerRow = selectAll('tr', table).find((tr) => selectAll('th', tr).length > 0);
  const columns = (headerRow ? selectAll('th', headerRow) : []).map((th) => {
    const label = cleanText(th);
    return HEADER_COLUMNS.find(([pattern]) => pattern.test(label))?.[1];
  });
  return selectAll('tr', table)
    .filter((tr) => selectAll('td', tr).length > 0)
    .map((tr) => rowOf(selectAll('td', tr), columns, pageUrl, panel));
}

function rowOf(
  cells: readonly Element[],
  columns: ReadonlyArray<Column | undefined>,
  pageUrl: string,
  panel: string | undefined,
): ListingRow {
  const cellFor = (column: Column): Element | undefined => cells[columns.indexOf(column)];
  const linkIn = (column: Column): string | undefined => {
    const cell = cellFor(column);
    return cell
      ? selectAll('a', cell)
          .map((a) => linkTarget(a, pageUrl))
          .find(Boolean)
      : undefined;
  };
  const links: Record<string, string> = {};
  for (const column of ['agenda', 'minutes', 'video'] as const) {
    const url = linkIn(column);
    if (url) links[column] = url;
  }
  const name = cellFor('name');
  const date = cellFor('date');
  return { name: name ? cleanText(name) : '', dateText: date ? cleanText(date) : '', links, panel };
}
