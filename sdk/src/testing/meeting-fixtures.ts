import { readFileSync } from 'node:fs';
import { meetingStatus, type ParsedMeeting } from '../meeting.js';
import { localTimeToEpochMs, normaliseLocal } from './local-time.js';

export { localTimeToEpochMs, normaliseLocal } from './local-time.js';

/** One markdown table of an `expected.md`, with the heading it sits under. */
export interface ExpectedTable {
  /** Text of the nearest `#` heading above the table. */
  readonly heading: string;
  /** Header cells, lower-cased and trimmed (e.g. `#`, `start`, `end`, `title`, `status`). */
  readonly columns: readonly string[];
  /** Body rows keyed by column. */
  readonly rows: ReadonlyArray<Readonly<Record<string, string>>>;
}

/** What a meeting fixture's `expected.md` states: the zone, the frozen "now" and its tables. */
export interface ExpectedMeetings {
  /** IANA zone of the agency (from "Spider timezone `…`"). */
  readonly timeZone: string;
  /** The frozen local date-time (from `freeze_time("…")`), `YYYY-MM-DDTHH:mm:ss`. */
  readonly frozenLocal: string;
  /** The frozen "now" as epoch ms: {@link ExpectedMeetings.frozenLocal} in {@link ExpectedMeetings.timeZone}. */
  readonly now: number;
  readonly tables: readonly ExpectedTable[];
}

/**
 * Reads a meeting fixture's `expected.md`: zone, frozen now, and every markdown table. Throws when the
 * zone or the frozen date is missing, so a fixture edit cannot silently change what a test compares.
 */
export function readExpectedMeetings(expectedMdPath: string | URL): ExpectedMeetings {
  const text = readFileSync(expectedMdPath, 'utf8');
  const timeZone = /timezone:?\s*`([^`]+)`/i.exec(text)?.[1];
  const frozen = /freeze_time\("([^"]+)"\)/.exec(text)?.[1];
  if (!timeZone || !frozen)
    throw new Error(`${String(expectedMdPath)}: no "timezone \`…\`" or freeze_time("…")`);
  const frozenLocal = normaliseLocal(frozen.replace(' ', 'T'));
  return { timeZone, frozenLocal, now: localTimeToEpochMs(frozenLocal, timeZone), tables: parseTables(text) };
}

/**
 * The table of meetings to compare with: the one whose heading matches `heading` when given, else the
 * only table with a `start` column. Throws when that is not exactly one table.
 */
export function expectedMeetingTable(expected: ExpectedMeetings, heading?: RegExp): ExpectedTable {
  const candidates = expected.tables.filter((table) =>
    heading ? heading.test(table.heading) : table.columns.includes('start'),
  );
  if (candidates.length !== 1) {
    throw new Error(`expected one meeting table, found ${candidates.length} (${String(heading ?? 'start')})`);
  }
  return candidates[0] as ExpectedTable;
}

function parseTables(markdown: string): ExpectedTable[] {
  const tables: ExpectedTable[] = [];
  let heading = '';
  let block: string[] = [];
  const flush = (): void => {
    if (block.length >= 2) tables.push(tableFrom(heading, block));
    block = [];
  };
  for (const line of markdown.split(/\r?\n/)) {
    if (line.startsWith('|')) {
      block.push(line);
      continue;
    }
    flush();
    if (line.startsWith('#')) heading = line.replace(/^#+\s*/, '');
  }
  flush();
  return tables;
}

function tableFrom(heading: string, lines: readonly string[]): ExpectedTable {
  const [header = '', , ...body] = lines;
  const columns = cellsOf(header).map((cell) => cell.toLowerCase());
  const rows = body.map((line) => {
    const cells = cellsOf(line);
    return Object.fromEntries(columns.map((column, index) => [column, cells[index] ?? '']));
  });
  return { heading, columns, rows };
}

function cellsOf(line: string): string[] {
  return line
    .replace(/^\|/, '')
    .replace(/\|\s*$/, '')
    .split('|')
    .map((cell) => cell.trim());
}

/** How parsed meetings compare with an expected table. */
export interface MeetingComparison {
  /** Rows whose every compared field is equal, position by position. */
  readonly matched: number;
  /** Rows in the expected table. */
  readonly total: number;
  /** One line per difference, e.g. `#3 start: got 2019-05-02T16:30:00, want 2019-05-02T17:30:00`. */
  readonly mismatches: readonly string[];
}

/** Settings for {@link compareMeetings}: the zone and frozen now the statuses are derived with. */
export interface CompareMeetingsOptions {
  readonly timeZone: string;
  readonly now: number;
  /** Expected columns to compare; default every one of `start`, `end`, `title`, `status` the table has. */
  readonly fields?: ReadonlyArray<'start' | 'end' | 'title' | 'status'>;
}

/**
 * Compares parsed meetings with expected rows item by item (same order): local start, end (an empty cell
 * means none), title and the status {@link meetingStatus} derives with the frozen now.
 */
export function compareMeetings(
  actual: readonly ParsedMeeting[],
  expected: ReadonlyArray<Readonly<Record<string, string>>>,
  options: CompareMeetingsOptions,
): MeetingComparison {
  const fields = options.fields ?? (['start', 'end', 'title', 'status'] as const);
  const mismatches: string[] = [];
  if (actual.length !== expected.length) {
    mismatches.push(`count: got ${actual.length}, want ${expected.length}`);
  }
  let matched = 0;
  expected.forEach((row, index) => {
    const meeting = actual[index];
    const got = meeting ? fieldsOf(meeting, options) : undefined;
    const diffs = fields
      .filter((field) => field in row)
      .filter((field) => got?.[field] !== wanted(row, field))
      .map(
        (field) =>
          `#${index} ${field}: got ${got?.[field] ?? '(none)'}, want ${wanted(row, field) ?? '(none)'}`,
      );
    mismatches.push(...diffs);
    if (diffs.length === 0) matched += 1;
  });
  return { matched, total: expected.length, mismatches };
}

function wanted(row: Readonly<Record<string, string>>, field: string): string | undefined {
  const value = row[field]?.trim() ?? '';
  if (value === '') return undefined;
  return field === 'start' || field === 'end' ? normaliseLocal(value) : value;
}

function fieldsOf(
  meeting: ParsedMeeting,
  options: CompareMeetingsOptions,
): Record<string, string | undefined> {
  const startsAt = localTimeToEpochMs(meeting.start, options.timeZone);
  return {
    start: meeting.start,
    end: meeting.end,
    title: meeting.title,
    status: meetingStatus(meeting.statusHint, startsAt, options.now),
  };
}
