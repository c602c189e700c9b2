import { readFileSync } from 'node:fs';

/** One row of an expected.md table, keyed by lower-cased column header. */
export type ExpectedRow = Readonly<Record<string, string>>;

/** Where the shared meeting fixtures live: `shared/` beside the repository, here and in CI. */
export function fixtureUrl(relative: string): URL {
  return new URL(`../../../../../shared/fixtures/meetings/${relative}`, import.meta.url);
}

/**
 * The markdown tables of an expected.md, in document order. Cells are trimmed; rows shorter than the
 * header get empty cells.
 */
export function expectedTables(relative: string): ExpectedRow[][] {
  const lines = readFileSync(fixtureUrl(relative), 'utf8').split('\n');
  const tables: ExpectedRow[][] = [];
  for (let i = 0; i < lines.length; i += 1) {
    if (!isRow(lines[i]) || !/^\|[\s|:-]+\|$/.test(lines[i + 1]?.trim() ?? '')) continue;
    const header = cells(lines[i]!).map((h) => h.toLowerCase());
    const rows: ExpectedRow[] = [];
    for (i += 2; isRow(lines[i]); i += 1) {
      const values = cells(lines[i]!);
      rows.push(Object.fromEntries(header.map((h, k) => [h, values[k] ?? ''])));
    }
    tables.push(rows);
  }
  return tables;
}

function isRow(line: string | undefined): boolean {
  return line !== undefined && line.trim().startsWith('|');
}

function cells(line: string): string[] {
  return line
    .trim()
    .replace(/^\||\|$/g, '')
    .split('|')
    .map((cell) => cell.trim());
}
