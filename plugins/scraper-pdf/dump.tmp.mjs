import { readFileSync } from 'node:fs';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
const data = new Uint8Array(readFileSync(process.argv[2]));
const doc = await getDocument({ data, useSystemFonts: false, isEvalSupported: false, verbosity: 0 }).promise;
for (let p = 1; p <= doc.numPages; p++) {
  const page = await doc.getPage(p);
  const tc = await page.getTextContent();
  console.log('PAGE', p, page.view);
  for (const it of tc.items) {
    if (!('str' in it)) continue;
    console.log(JSON.stringify([Math.round(it.transform[4]*10)/10, Math.round(it.transform[5]*10)/10, Math.round(it.width*10)/10, Math.round(it.height*10)/10, it.hasEOL, it.str]));
  }
}
