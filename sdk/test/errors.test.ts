import { readFileSync } from 'node:fs';
import { expect } from 'chai';
import { ERROR_CODES, SDK_VERSION } from '@encoder-manager/sdk';

const docsUrl = new URL('../docs/errors.md', import.meta.url);
const packageUrl = new URL('../package.json', import.meta.url);

interface DocRow {
  readonly code: string;
  readonly meaning: string;
  readonly fix: string;
}

/** The rows of the errors table: lines that start with a back-ticked code cell. */
function documentedRows(): DocRow[] {
  const rows: DocRow[] = [];
  for (const line of readFileSync(docsUrl, 'utf8').split('\n')) {
    const match = /^\|\s*`([A-Z0-9_]+)`\s*\|(.*)\|(.*)\|\s*$/.exec(line);
    if (match)
      rows.push({ code: match[1] ?? '', meaning: (match[2] ?? '').trim(), fix: (match[3] ?? '').trim() });
  }
  return rows;
}

describe('error codes', () => {
  const codes = Object.keys(ERROR_CODES);
  const rows = documentedRows();
  const documented = rows.map((row) => row.code);

  it('documents every code in docs/errors.md', () => {
    const missing = codes.filter((code) => !documented.includes(code));
    expect(missing, 'codes in ERROR_CODES without a row in sdk/docs/errors.md').to.deep.equal([]);
  });

  it('documents no code that does not exist, and none twice', () => {
    const unknown = documented.filter((code) => !codes.includes(code));
    expect(unknown, 'rows in sdk/docs/errors.md for codes not in ERROR_CODES').to.deep.equal([]);
    expect(new Set(documented).size, 'duplicate rows in sdk/docs/errors.md').to.equal(documented.length);
  });

  it('gives every code a meaning and a fix', () => {
    const empty = rows.filter((row) => row.meaning === '' || row.fix === '').map((row) => row.code);
    expect(empty, 'rows with an empty Meaning or How to fix cell').to.deep.equal([]);
  });
});

describe('SDK_VERSION', () => {
  it('equals the version in sdk/package.json', () => {
    const pkg = JSON.parse(readFileSync(packageUrl, 'utf8')) as { version?: unknown };
    expect(SDK_VERSION).to.equal(pkg.version);
  });
});
