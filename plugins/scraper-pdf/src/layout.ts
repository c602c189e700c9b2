/**
 * Turns positioned text runs (as a PDF text layer gives them) into visual lines of cells. Lines follow
 * what a reader sees (top to bottom, left to right), not the content-stream order, which for many
 * exported PDFs puts title blocks after tables. Cells are runs separated by a wide horizontal gap, so a
 * sidebar, a table column and a second date column stay apart even when they share a baseline.
 */

/** One run of text on a page, in PDF user space (origin bottom-left, y up). */
export interface TextRun {
  readonly page: number;
  readonly text: string;
  /** Left edge of the run. */
  readonly x: number;
  /** Baseline. */
  readonly y: number;
  readonly width: number;
  /** Font size (glyph height). */
  readonly height: number;
}

/** A horizontal stretch of text on one line. */
export interface Cell {
  readonly text: string;
  readonly x0: number;
  readonly x1: number;
}

/** A visual line of text: one or more cells on (nearly) the same baseline. */
export interface Line {
  readonly page: number;
  /** Baseline of the line's tallest run; larger is higher on the page. */
  readonly y: number;
  /** Height of the line's tallest run. */
  readonly height: number;
  readonly cells: readonly Cell[];
  /** The cells joined by tabs. */
  readonly text: string;
}

/** Normalises typography that varies between producers: NBSP, curly quotes, dashes, ligatures. */
export function normaliseText(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[\u00a0\u2000-\u200b\u202f\u205f\u3000]/g, ' ')
    .replace(/[\u2018\u2019\u201b\u2032]/g, "'")
    .replace(/[\u201c\u201d\u201f\u2033]/g, '"')
    .replace(/[\u2010\u2011\u2212]/g, '-');
}

/** Runs drawn twice at almost the same spot (a common fake-bold trick) count once. */
function dropOverprint(runs: readonly TextRun[]): TextRun[] {
  const kept: TextRun[] = [];
  for (const run of runs) {
    const twin = kept.some(
      (k) =>
        k.page === run.page &&
        k.text === run.text &&
        Math.abs(k.x - run.x) < Math.max(1.5, run.height * 0.2) &&
        Math.abs(k.y - run.y) < Math.max(1.5, run.height * 0.2),
    );
    if (!twin) kept.push(run);
  }
  return kept;
}

interface Building {
  page: number;
  top: number;
  bottom: number;
  runs: TextRun[];
}

/**
 * Groups runs into lines by vertical overlap (a superscript "th" joins its line), then splits each line
 * into cells where the gap between runs is wider than 1.5 × the font size.
 */
export function buildLines(input: readonly TextRun[]): Line[] {
  const runs = dropOverprint(
    input
      .map((r) => ({ ...r, text: normaliseText(r.text) }))
      .filter((r) => r.text.trim() !== '' && r.height > 0),
  ).sort((a, b) => a.page - b.page || b.y - a.y || a.x - b.x);

  const lines: Building[] = [];
  for (const run of runs) {
    const top = run.y + run.height;
    const bottom = run.y;
    // Runs are sorted top-down, so only the most recent lines of the page can overlap this one.
    let target: Building | undefined;
    for (let i = lines.length - 1; i >= 0 && i >= lines.length - 3; i--) {
      const line = lines[i];
      if (line === undefined || line.page !== run.page) break;
      const overlap = Math.min(line.top, top) - Math.max(line.bottom, bottom);
      const smaller = Math.min(line.top - line.bottom, run.height);
      if (overlap >= smaller * 0.5) {
        target = line;
        break;
      }
    }
    if (target === undefined) {
      lines.push({ page: run.page, top, bottom, runs: [run] });
    } else {
      target.runs.push(run);
      target.top = Math.max(target.top, top);
      target.bottom = Math.min(target.bottom, bottom);
    }
  }

  return lines.map((line) => {
    const sorted = [...line.runs].sort((a, b) => a.x - b.x);
    const tallest = sorted.reduce((t, r) => (r.height > t.height ? r : t));
    const cells: Cell[] = [];
    let text = '';
    let x0 = 0;
    let x1 = Number.NEGATIVE_INFINITY;
    for (const run of sorted) {
      const gap = run.x - x1;
      const size = Math.max(run.height, 1);
      if (text !== '' && gap > size * 1.5) {
        cells.push(...splitWideSpaces({ text: text.trim(), x0, x1 }));
        text = '';
      }
      if (text === '') {
        x0 = run.x;
        text = run.text;
      } else {
        const joiner = gap > size * 0.15 && !/\s$/.test(text) && !/^\s/.test(run.text) ? ' ' : '';
        text += joiner + run.text;
      }
      x1 = Math.max(x1, run.x + run.width);
    }
    if (text !== '') cells.push(...splitWideSpaces({ text: text.trim(), x0, x1 }));
    const clean = cells
      .map((c) => ({ ...c, text: c.text.replace(/\s+/g, ' ').trim() }))
      .filter((c) => c.text !== '');
    return {
      page: line.page,
      y: tallest.y,
      height: tallest.height,
      cells: clean,
      text: clean.map((c) => c.text).join('\t'),
    };
  });
}

/** A run that lays out columns with runs of spaces ("MAY 17, 2019      APRIL 12, 2019") becomes several cells. */
function splitWideSpaces(cell: Cell): Cell[] {
  const parts = cell.text.split(/(\s{3,}|\t)/);
  if (parts.length === 1) return [cell];
  const perChar = (cell.x1 - cell.x0) / Math.max(cell.text.length, 1);
  const out: Cell[] = [];
  let offset = 0;
  for (const part of parts) {
    if (part.trim() !== '' && !/^\s+$/.test(part)) {
      out.push({
        text: part,
        x0: cell.x0 + offset * perChar,
        x1: cell.x0 + (offset + part.length) * perChar,
      });
    }
    offset += part.length;
  }
  return out;
}
