import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { TextRun } from './layout.js';

/** What the text layer of a PDF holds. */
export interface PdfText {
  readonly pages: number;
  /** Pages actually read (at most the configured limit). */
  readonly pagesRead: number;
  readonly runs: readonly TextRun[];
}

/** Why a PDF could not be read; the scraper turns it into an `EM_SCRAPE_PARSE` error naming the source. */
export class PdfReadError extends Error {
  constructor(
    message: string,
    readonly hint: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'PdfReadError';
  }
}

interface PdfJsTextItem {
  str: string;
  transform: number[];
  width: number;
  height: number;
}

function isTextItem(item: unknown): item is PdfJsTextItem {
  return typeof item === 'object' && item !== null && 'str' in item && 'transform' in item;
}

/**
 * Reads the positioned text runs of a PDF with pdf.js (no rendering, no fonts loaded, no eval).
 * Rotated runs are skipped: schedules are horizontal text, and stamps or watermarks are often not.
 */
export async function readPdfText(body: Uint8Array, maxPages: number): Promise<PdfText> {
  if (body.byteLength === 0) {
    throw new PdfReadError('the document is empty', 'Check that the source URL still serves the PDF.');
  }
  const head = new TextDecoder('latin1').decode(body.subarray(0, Math.min(body.byteLength, 1024)));
  if (!head.includes('%PDF-')) {
    const looksHtml = /<(!doctype|html|head|body)\b/i.test(head);
    throw new PdfReadError(
      looksHtml ? 'the document is an HTML page, not a PDF' : 'the document is not a PDF (no %PDF- header)',
      looksHtml
        ? 'The URL now serves a web page (moved file, login or error page): update the source URL in the catalog.'
        : 'Check that the source URL still serves the PDF and the catalog source type is right.',
    );
  }

  // pdf.js transfers the buffer it is given to its worker: hand it a copy so the caller's bytes stay usable.
  const task = getDocument({
    data: new Uint8Array(body),
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    stopAtErrors: false,
    verbosity: 0,
  });
  try {
    let doc;
    try {
      doc = await task.promise;
    } catch (cause) {
      const name = typeof cause === 'object' && cause !== null && 'name' in cause ? String(cause.name) : '';
      if (name === 'PasswordException') {
        throw new PdfReadError(
          'the PDF is password-protected',
          'Ask the agency for an unprotected schedule or use another source for this body.',
          { cause },
        );
      }
      throw new PdfReadError(
        `the PDF is damaged or truncated (${cause instanceof Error ? cause.message : String(cause)})`,
        'Download the file by hand to see whether it opens; a truncated download is retried on the next scrape.',
        { cause },
      );
    }
    const pagesRead = Math.min(doc.numPages, maxPages);
    const runs: TextRun[] = [];
    for (let p = 1; p <= pagesRead; p++) {
      const page = await doc.getPage(p);
      const content = await page.getTextContent();
      for (const item of content.items) {
        if (!isTextItem(item) || item.str === '') continue;
        const [a = 0, b = 0, c = 0, d = 0, x = 0, y = 0] = item.transform;
        if (Math.abs(b) > 1e-3 || Math.abs(c) > 1e-3 || a <= 0) continue;
        runs.push({
          page: p,
          text: item.str,
          x,
          y,
          width: item.width,
          height: item.height > 0 ? item.height : Math.abs(d),
        });
      }
      page.cleanup();
    }
    return { pages: doc.numPages, pagesRead, runs };
  } finally {
    await task.destroy();
  }
}
