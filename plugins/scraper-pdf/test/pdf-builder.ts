/**
 * Writes small real PDFs for tests: text placed at given positions in Helvetica (a standard font, so
 * nothing is embedded). Enough to exercise layouts the fixtures do not cover, through pdf.js.
 */

/** A piece of text at (x, y) in points from the page's bottom-left corner. */
export interface PlacedText {
  readonly x: number;
  readonly y: number;
  readonly text: string;
  /** Font size in points; default 11. */
  readonly size?: number;
}

function escapePdfString(text: string): string {
  return text.replace(/[\\()]/g, (c) => `\\${c}`);
}

/** A PDF with one page per entry of `pages` (US Letter). */
export function buildPdf(pages: readonly (readonly PlacedText[])[]): Uint8Array {
  const objects: string[] = [];
  const add = (body: string): number => {
    objects.push(body);
    return objects.length;
  };
  const catalog = add('');
  const pagesObj = add('');
  const font = add('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>');
  const kids: number[] = [];
  for (const texts of pages) {
    const stream = texts
      .map((t) => `BT /F1 ${t.size ?? 11} Tf 1 0 0 1 ${t.x} ${t.y} Tm (${escapePdfString(t.text)}) Tj ET`)
      .join('\n');
    const content = add(`<< /Length ${Buffer.byteLength(stream, 'latin1')} >>\nstream\n${stream}\nendstream`);
    kids.push(
      add(
        `<< /Type /Page /Parent ${pagesObj} 0 R /MediaBox [0 0 612 792] ` +
          `/Resources << /Font << /F1 ${font} 0 R >> >> /Contents ${content} 0 R >>`,
      ),
    );
  }
  objects[catalog - 1] = `<< /Type /Catalog /Pages ${pagesObj} 0 R >>`;
  objects[pagesObj - 1] =
    `<< /Type /Pages /Kids [${kids.map((k) => `${k} 0 R`).join(' ')}] /Count ${kids.length} >>`;

  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(Buffer.byteLength(out, 'latin1'));
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out, 'latin1');
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) out += `${String(offset).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root ${catalog} 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return new Uint8Array(Buffer.from(out, 'latin1'));
}

/** Rows of cells laid out as a table: each row's cells at the given x positions, rows `pitch` apart. */
export function table(
  rows: readonly (readonly string[])[],
  options: { x: readonly number[]; top: number; pitch?: number; size?: number },
): PlacedText[] {
  const pitch = options.pitch ?? 16;
  return rows.flatMap((cells, r) =>
    cells.flatMap((text, c) =>
      text === ''
        ? []
        : [
            {
              x: options.x[c] ?? 0,
              y: options.top - r * pitch,
              text,
              ...(options.size ? { size: options.size } : {}),
            },
          ],
    ),
  );
}
