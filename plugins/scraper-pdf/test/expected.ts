/**
 * The list a PDF fixture must produce, read from its `expected.md` at test time (through the SDK test
 * kit's reader). The PDF fixtures record the truth in three ways, and this helper builds one row list
 * (`start`, `end`, `title`, `status`, and `location` where the truth has it) from whichever is there:
 *
 * - a ground-truth table (akr_planning: dates only; cook_emergency_telephone: date, time, place) — with
 *   the time upstream assumes when the document prints none (its one time of day for every row), the
 *   title upstream uses and the status upstream derived for the same start (right even where the
 *   upstream list is not); a row upstream missed gets that rule applied to the naive frozen "now";
 * - the upstream spider output, when its heading does not say it is wrong (summ_planning, il_sex_offender);
 * - prose ("Meetings (all 15:00 local): 2019-01-24, 02-28, …", "→ one meeting 2019-08-01 10:30–12:30 local,
 *   **cancelled**"), used to cross-check the table.
 */
import { readFileSync } from 'node:fs';
import {
  meetingFixtureUrl,
  readExpectedMeetings,
  type ExpectedMeetings,
  type ExpectedTable,
} from '@encoder-manager/sdk/testing';

/** A fixture's expected.md: the SDK reader's zone, frozen now and tables, plus the raw text for prose. */
export interface PdfExpected extends ExpectedMeetings {
  readonly text: string;
}

/** Reads `<folder>/expected.md` under the shared fixtures. */
export function readExpected(folder: string): PdfExpected {
  const url = meetingFixtureUrl(`${folder}/expected.md`);
  return { ...readExpectedMeetings(url), text: readFileSync(url, 'utf8') };
}

/** Removes markdown emphasis and code marks from a cell. */
export function plain(cell: string): string {
  return cell.replace(/\*\*|`/g, '').trim();
}

function column(table: ExpectedTable, pattern: RegExp): string | undefined {
  return table.columns.find((c) => pattern.test(c));
}

/** Expected rows in the shape `compareMeetings` takes; `location` is compared separately. */
export function expectedRows(doc: PdfExpected): Record<string, string>[] {
  const upstream = doc.tables.find((t) => /full upstream spider output/i.test(t.heading));
  const truth = doc.tables.find((t) => /ground truth/i.test(t.heading) && !/upstream/i.test(t.heading));
  if (upstream === undefined) throw new Error('expected.md has no "Full upstream spider output" table');
  const upstreamRows = upstream.rows.map((r) =>
    Object.fromEntries(
      ['start', 'end', 'title', 'status']
        .filter((k) => r[k] !== undefined)
        .map((k) => [k, plain(r[k] ?? '')]),
    ),
  );
  if (truth === undefined) {
    if (/\b(bug|wrong)\b/i.test(upstream.heading)) {
      throw new Error('the upstream table is marked wrong but there is no ground-truth table');
    }
    return upstreamRows;
  }

  const titles = new Set(upstreamRows.map((r) => r['title']));
  if (titles.size !== 1) throw new Error(`upstream titles differ: ${[...titles].join(', ')}`);
  const [title = ''] = [...titles];
  const dateColumn = column(truth, /date/);
  const timeColumn = column(truth, /^time$/);
  const locationColumn = column(truth, /location/);
  if (dateColumn === undefined) throw new Error('the ground-truth table has no date column');
  // A date-only document: the time is the one the catalog assumes, as upstream does (one time for every row).
  const upstreamTimes = new Set(upstreamRows.map((r) => (r['start'] ?? '').slice(11, 16)));
  const assumedTime = upstreamTimes.size === 1 ? [...upstreamTimes][0] : undefined;
  return truth.rows.map((row) => {
    const date = /\d{4}-\d{2}-\d{2}/.exec(row[dateColumn] ?? '')?.[0];
    if (date === undefined) throw new Error(`no date in ground-truth row ${JSON.stringify(row)}`);
    const time = timeColumn === undefined ? assumedTime : plain(row[timeColumn] ?? '');
    if (time === undefined) throw new Error('no time in the truth table and no single upstream time');
    const start = `${date}T${time}:00`;
    // freezegun compares naive local times, so the rule is a string comparison of local date-times.
    const status =
      upstreamRows.find((r) => r['start'] === start)?.['status'] ??
      (start < doc.frozenLocal ? 'passed' : 'tentative');
    return {
      start,
      end: '',
      title,
      status,
      ...(locationColumn === undefined ? {} : { location: plain(row[locationColumn] ?? '') }),
    };
  });
}

/** Ground truth stated in prose instead of a table, or undefined when the file has none. */
export function proseTruth(doc: PdfExpected): { start: string; end?: string; status?: string }[] | undefined {
  const list = /Meetings \(all (\d{2}:\d{2}) local\):\s*([\d\-,\s]+)/.exec(doc.text);
  if (list) {
    const [, time, dates = ''] = list;
    let year = '';
    return dates
      .split(',')
      .map((d) => d.trim())
      .filter((d) => d !== '')
      .map((d) => {
        const full = /^(\d{4})-\d{2}-\d{2}$/.exec(d);
        if (full) year = full[1] ?? '';
        return { start: `${full ? d : `${year}-${d}`}T${time}:00` };
      });
  }
  const one =
    /one meeting (\d{4}-\d{2}-\d{2}) (\d{2}:\d{2})\s*[–-]\s*(\d{2}:\d{2}) local, \*\*(\w+)\*\*/.exec(
      doc.text,
    );
  if (one) {
    const [, date, from, to, status] = one;
    return [{ start: `${date}T${from}:00`, end: `${date}T${to}:00`, ...(status ? { status } : {}) }];
  }
  return undefined;
}
