/**
 * The rules that turn the visual lines of a meeting document into meetings. Two document shapes:
 *
 * - **Schedule** (annual calendar, meeting table): a column of dates that starts its cells ("JANUARY 18,
 *   2019", "Friday, March 27, 2020"). Each date starts an entry; the lines below it down to the next date
 *   (and the cells to its right) hold its time, place and notes. Other date columns — filing, submittal or
 *   agenda deadlines — are told apart by their header words, else the leftmost date column is taken.
 * - **Single meeting** (agenda, notice, cancellation notice): no date column, one meeting — the first
 *   date at the start of a line that has a time beside or just below it.
 *
 * Times come from the entry, else from a sentence about when the body meets ("meet … on a Thursday at
 * 3:00 p.m."), else from the catalog's `defaultTime`, else the meeting is date-only (`allDay`).
 * Status hints come only from the document: a cancelled/postponed/rescheduled word in the entry, in a
 * footnote its marker points to, or in a sentence that names its date.
 */
import type { MeetingLink, MeetingLocation, ParsedMeeting } from '@encoder-manager/sdk';
import {
  findDates,
  findTimes,
  findYears,
  leadingDate,
  monthNumber,
  type DateMention,
  type TimeMention,
  type TimeOfDay,
} from './dates.js';
import type { Cell, Line } from './layout.js';

/** Catalog options the PDF parser understands (all optional). */
export interface PdfScheduleOptions {
  /** Meeting title, e.g. "Planning Commission". Default: the body name in the document's heading. */
  readonly title?: string;
  /** The public body, when it differs from the catalog source's body. */
  readonly body?: string;
  /** `HH:mm` used when the document states no time; the meeting then carries a "confirm" time note. */
  readonly defaultTime?: string;
  /** Used when neither the entry nor a "Location:" line gives a place. */
  readonly location?: MeetingLocation;
  /** Which date column holds meeting dates (0 = leftmost), when header words cannot tell. */
  readonly dateColumn?: number;
}

/** What the rules need besides the lines. */
export interface ScheduleContext {
  readonly url: string;
  /** Year of "now" in the agency's zone: the fallback for dates printed without a year. */
  readonly currentYear: number;
  readonly options: PdfScheduleOptions;
  readonly defaultTime: TimeOfDay | undefined;
}

/** Thrown when the lines hold no meeting; the scraper adds the source name and the error code. */
export class ScheduleError extends Error {
  constructor(
    message: string,
    readonly hint: string,
  ) {
    super(message);
    this.name = 'ScheduleError';
  }
}

const DEADLINE_WORDS =
  /\b(deadlines?|due|file|filing|submi\w*|cut-?off|applications?|closing|notices?|posting|publication|registration|requests?)\b/i;
const MEETING_WORDS = /\b(meetings?|hearings?|sessions?|dates?)\b/i;
const LOCATION_HEADER = /\b(room|location|place|where|venue|address|site)\b/i;
const LOCATION_TEXT =
  /\b(teleconference|conference call|virtual|online|zoom|webex|teams|chambers?|city hall|town hall|room|auditorium|building|library)\b|^\d+\s+\S/i;
const BODY_WORDS =
  /\b(board|commission|council|committee|subcommittee|authority|trustees|district|agency|panel|task force|corporation|assembly|legislature|court|society)\b/i;
const CANCEL_IN_CELL = /\b(cancel+ed|cancel+ation|postponed|will not be held|no meeting)\b/i;
const RESCHEDULED_IN_CELL = /\b(rescheduled|moved to)\b/i;
const CONFIRMED_IN_CELL = /\bconfirmed\b/i;
const STATUS_PHRASE =
  /\b(?:is|are|has been|have been|was|were|will be|been|hereby)\s+(?:\w+\s+)?(cancel+ed|postponed|rescheduled|confirmed)\b|\bwill not (?:be held|meet|take place)\b|\bnotice of (?:meeting )?(cancel+ation|postponement)\b/i;
const MEET_SENTENCE = /\b(meets?|meetings?|convenes?|held|begins?|starts?|sessions?)\b/i;
const NOT_MEETING_TIME = /\b(deadlines?|submi\w*|office hours|due|filed|received by|posted)\b/i;
const LOCATION_LABEL = /^(?:meeting\s+)?(?:location|place|where|venue)\s*:\s*(.*)$/i;

const ALIGN = 4;

type Hint = 'cancelled' | 'rescheduled' | 'confirmed';

interface DateCell {
  readonly lineIndex: number;
  readonly cell: Cell;
  readonly date: DateMention;
  readonly rest: string;
}

interface Column {
  readonly cells: DateCell[];
  x0: number;
  x1: number;
  /** Index of the line holding this column's header, when one was found. */
  headerLine: number | undefined;
  header: string;
}

interface Entry {
  readonly date: DateMention;
  readonly lineIndex: number;
  /** Entry text outside the date itself: the date cell's rest, continuation lines, cells to the right. */
  readonly texts: string[];
  readonly locationParts: string[];
  readonly marker: string | undefined;
  readonly lines: Set<number>;
  time: TimeMention | undefined;
  hint: Hint | undefined;
  year: number;
}

/** Meetings in `lines`; throws {@link ScheduleError} when there are none. */
export function parseSchedule(lines: readonly Line[], ctx: ScheduleContext): ParsedMeeting[] {
  const dateCells = findDateCells(lines);
  const columns = groupColumns(dateCells, lines);
  const chosen = chooseMeetingColumns(columns, ctx.options.dateColumn);
  const docYear = documentYear(lines, dateCells);

  let entries: Entry[];
  let singleMeeting = false;
  if (chosen.length > 0) {
    entries = chosen.flatMap((column) => columnEntries(column, lines, columns, chosen));
  } else {
    const single = singleMeetingEntry(lines, dateCells);
    if (single === undefined) {
      throw new ScheduleError(
        `no meeting date found in ${lines.length} line(s) of text`,
        'Open the PDF: if it no longer lists meeting dates (or is a scanned image), fix or replace the source in the catalog.',
      );
    }
    entries = [single];
    singleMeeting = true;
  }

  assignYears(entries, docYear ?? ctx.currentYear);
  const inEntries = new Set(entries.flatMap((e) => [...e.lines]));
  const headerLines = new Set(chosen.map((c) => c.headerLine).filter((i) => i !== undefined));
  const prose = lines.filter((_, i) => !inEntries.has(i) && !headerLines.has(i));
  const sentences = splitSentences(prose);

  applyFootnotes(entries, lines);
  if (singleMeeting) {
    const entry = entries[0];
    if (entry !== undefined) entry.hint ??= documentHint(lines);
  } else {
    applyProseNotes(entries, sentences);
  }

  const proseTime = singleMeeting ? undefined : documentMeetingTime(sentences);
  const docLocation = labelledLocation(lines) ?? ctx.options.location;
  const title = ctx.options.title ?? detectTitle(lines);
  const links: MeetingLink[] = singleMeeting
    ? [
        lines.some((l) => /\bagenda\b/i.test(l.text))
          ? { kind: 'agenda', title: 'Agenda', url: ctx.url }
          : { kind: 'other', title: 'Meeting notice', url: ctx.url },
      ]
    : [];

  const meetings = new Map<string, ParsedMeeting>();
  for (const entry of entries) {
    const time = entry.time ?? proseTime;
    const day = `${pad(entry.year, 4)}-${pad(entry.date.month)}-${pad(entry.date.day)}`;
    const start = time?.start ?? ctx.defaultTime;
    const entryLocation = splitLocation(entry.locationParts);
    const location = entryLocation ?? docLocation;
    const meeting: ParsedMeeting = {
      title,
      ...(ctx.options.body === undefined ? {} : { body: ctx.options.body }),
      start: `${day}T${start === undefined ? '00:00' : hhmm(start)}:00`,
      ...(time?.end === undefined ? {} : { end: `${day}T${hhmm(time.end)}:00` }),
      allDay: start === undefined,
      ...(location === undefined ? {} : { location }),
      ...(entry.hint === undefined ? {} : { statusHint: entry.hint }),
      links,
      ...(time !== undefined
        ? {}
        : {
            timeNotes:
              start === undefined
                ? 'No time in the document: confirm details with agency'
                : 'Time not in the document (default time assumed): confirm details with agency',
          }),
      sourceUrl: ctx.url,
    };
    // The same date listed twice (two meeting columns, a repeated row) is one meeting; a status wins.
    const previous = meetings.get(meeting.start);
    if (previous === undefined || (previous.statusHint === undefined && meeting.statusHint !== undefined)) {
      meetings.set(meeting.start, meeting);
    }
  }
  return [...meetings.values()].sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
}

function findDateCells(lines: readonly Line[]): DateCell[] {
  const cells: DateCell[] = [];
  lines.forEach((line, lineIndex) => {
    for (const cell of line.cells) {
      const lead = leadingDate(cell.text);
      if (lead !== undefined) cells.push({ lineIndex, cell, date: lead.date, rest: lead.rest });
    }
  });
  return cells;
}

/** Date cells aligned on the left edge, centre or right edge (and overlapping) form a column. */
function groupColumns(cells: readonly DateCell[], lines: readonly Line[]): Column[] {
  const parent = cells.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i] ?? i] ?? i;
    return i;
  };
  for (let i = 0; i < cells.length; i++) {
    for (let j = i + 1; j < cells.length; j++) {
      const a = cells[i]?.cell;
      const b = cells[j]?.cell;
      if (a === undefined || b === undefined) continue;
      const overlap = Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0) > 0;
      const aligned =
        Math.abs(a.x0 - b.x0) < ALIGN ||
        Math.abs(a.x1 - b.x1) < ALIGN ||
        Math.abs((a.x0 + a.x1) / 2 - (b.x0 + b.x1) / 2) < ALIGN;
      if (overlap && aligned) parent[find(i)] = find(j);
    }
  }
  const groups = new Map<number, DateCell[]>();
  cells.forEach((cell, i) => {
    const root = find(i);
    groups.set(root, [...(groups.get(root) ?? []), cell]);
  });
  const columns = [...groups.values()].map((group): Column => {
    group.sort((a, b) => a.lineIndex - b.lineIndex);
    return {
      cells: group,
      x0: Math.min(...group.map((c) => c.cell.x0)),
      x1: Math.max(...group.map((c) => c.cell.x1)),
      headerLine: undefined,
      header: '',
    };
  });
  for (const column of columns) findHeader(column, lines);
  return columns.sort((a, b) => a.x0 - b.x0);
}

/** The nearest line above the column's first date with a non-date cell over the column. */
function findHeader(column: Column, lines: readonly Line[]): void {
  const first = column.cells[0];
  if (first === undefined) return;
  const firstLine = lines[first.lineIndex];
  if (firstLine === undefined) return;
  for (let i = first.lineIndex - 1; i >= 0 && i >= first.lineIndex - 3; i--) {
    const line = lines[i];
    if (line === undefined || line.page !== firstLine.page) return;
    if (line.y - firstLine.y > Math.max(line.height, firstLine.height) * 4.5) return;
    const over = line.cells.filter(
      (c) => Math.min(c.x1, column.x1) - Math.max(c.x0, column.x0) > 0 && leadingDate(c.text) === undefined,
    );
    if (over.length > 0) {
      column.headerLine = i;
      column.header = over.map((c) => c.text).join(' ');
      return;
    }
  }
}

function distinctLines(column: Column): number {
  return new Set(column.cells.map((c) => c.lineIndex)).size;
}

/**
 * The columns holding meeting dates: a date column (two or more dates) whose header does not name a
 * deadline; every one whose header names meetings or dates, else of columns that share rows the leftmost.
 */
function chooseMeetingColumns(columns: readonly Column[], dateColumn: number | undefined): Column[] {
  const tables = columns.filter((c) => distinctLines(c) >= 2);
  if (dateColumn !== undefined) {
    const picked = tables[dateColumn];
    return picked === undefined ? [] : [picked];
  }
  const notDeadline = tables.filter((c) => !DEADLINE_WORDS.test(c.header));
  // Every column headed as meeting dates is one (side-by-side tables: January–June | July–December).
  const named = notDeadline.filter((c) => MEETING_WORDS.test(c.header));
  if (named.length > 0) return named;
  const kept: Column[] = [];
  for (const column of notDeadline) {
    const rows = new Set(column.cells.map((c) => c.lineIndex));
    const sharesRows = kept.some((k) => k.cells.some((c) => rows.has(c.lineIndex)));
    if (!sharesRows) kept.push(column);
  }
  return kept;
}

function columnEntries(
  column: Column,
  lines: readonly Line[],
  columns: readonly Column[],
  chosen: readonly Column[],
): Entry[] {
  const otherDateCells = new Set(
    columns.filter((c) => c !== column).flatMap((c) => c.cells.map((d) => d.cell)),
  );
  const chosenDateLines = new Set(chosen.flatMap((c) => c.cells.map((d) => d.lineIndex)));
  const headerCells = column.headerLine === undefined ? [] : (lines[column.headerLine]?.cells ?? []);
  const headerOver = (cell: Cell): string =>
    headerCells
      .filter((h) => Math.min(h.x1, cell.x1) - Math.max(h.x0, cell.x0) > 0)
      .map((h) => h.text)
      .join(' ');
  const entries: Entry[] = [];
  const cells = column.cells;
  for (let k = 0; k < cells.length; k++) {
    const dateCell = cells[k];
    if (dateCell === undefined) continue;
    // Two dates from one column on one line (a wide merged cell) — the first one is the entry.
    if (k > 0 && cells[k - 1]?.lineIndex === dateCell.lineIndex) continue;
    const start = lines[dateCell.lineIndex];
    if (start === undefined) continue;
    const texts: string[] = [];
    const locationParts: string[] = [];
    const entryLines = new Set([dateCell.lineIndex]);
    const rest = dateCell.rest.trim();
    if (rest !== '') texts.push(rest);
    const take = (cell: Cell): void => {
      texts.push(cell.text);
      const rightOfDates = cell.x0 > column.x1 - ALIGN;
      if (
        rightOfDates &&
        findTimes(cell.text).length === 0 &&
        (LOCATION_HEADER.test(headerOver(cell)) || LOCATION_TEXT.test(cell.text))
      ) {
        locationParts.push(cell.text);
      }
    };
    const belongs = (cell: Cell): boolean => cell.x0 >= column.x0 - ALIGN && !otherDateCells.has(cell);
    for (const cell of start.cells) if (cell !== dateCell.cell && belongs(cell)) take(cell);

    let lastY = start.y;
    let lastHeight = start.height;
    for (let i = dateCell.lineIndex + 1; i < lines.length && i <= dateCell.lineIndex + 8; i++) {
      const line = lines[i];
      if (line === undefined || line.page !== start.page || chosenDateLines.has(i)) break;
      if (lastY - line.y > Math.max(lastHeight, line.height) * 1.9) break;
      const mine = line.cells.filter(belongs);
      if (mine.length === 0) continue;
      // A line that is mostly prose (a footnote under the table) ends the entry.
      if (mine.some((c) => c.text.length > 60)) break;
      mine.forEach(take);
      entryLines.add(i);
      lastY = line.y;
      lastHeight = line.height;
    }

    const joined = texts.join(' \n ');
    entries.push({
      date: dateCell.date,
      lineIndex: dateCell.lineIndex,
      texts,
      locationParts,
      marker: /^\s*([*†‡#]+)/.exec(rest)?.[1],
      lines: entryLines,
      time: findTimes(joined)[0],
      hint: cellHint(texts),
      year: dateCell.date.year ?? 0,
    });
  }
  return entries;
}

function cellHint(texts: readonly string[]): Hint | undefined {
  const text = texts.join(' ');
  if (CANCEL_IN_CELL.test(text)) return 'cancelled';
  if (RESCHEDULED_IN_CELL.test(text)) return 'rescheduled';
  if (CONFIRMED_IN_CELL.test(text)) return 'confirmed';
  return undefined;
}

function hintOf(text: string): Hint | undefined {
  const m = STATUS_PHRASE.exec(text);
  if (!m) return undefined;
  const word = (m[1] ?? m[2] ?? m[0]).toLowerCase();
  if (word.startsWith('reschedul')) return 'rescheduled';
  if (word.startsWith('confirm')) return 'confirmed';
  return 'cancelled';
}

/** A cancellation only in prose or in a line of its own ("CANCELLED", "The meeting is cancelled."). */
function documentHint(lines: readonly Line[]): Hint | undefined {
  for (const sentence of splitSentences(lines)) {
    const hint = hintOf(sentence);
    if (hint !== undefined) return hint;
  }
  for (const line of lines) {
    const alone = /^\W*(cancel+ed|postponed|rescheduled)\W*$/i.exec(line.text)?.[1]?.toLowerCase();
    if (alone !== undefined) return alone.startsWith('reschedul') ? 'rescheduled' : 'cancelled';
  }
  return undefined;
}

/** `JULY 9, 2019 ***` and a line `*** … cancelled …` elsewhere: the footnote's status applies. */
function applyFootnotes(entries: readonly Entry[], lines: readonly Line[]): void {
  for (const entry of entries) {
    if (entry.marker === undefined || entry.hint !== undefined) continue;
    const marker = entry.marker;
    for (const [i, line] of lines.entries()) {
      if (entry.lines.has(i) || !line.text.startsWith(marker) || line.text.startsWith(marker + marker[0])) {
        continue;
      }
      const hint = hintOf(line.text) ?? cellHint([line.text.slice(marker.length)]);
      if (hint !== undefined) entry.hint = hint;
    }
  }
}

/** "The March 27 meeting has been cancelled." / "The July meeting is cancelled." outside the table. */
function applyProseNotes(entries: readonly Entry[], sentences: readonly string[]): void {
  for (const sentence of sentences) {
    const hint = hintOf(sentence);
    if (hint === undefined) continue;
    const dates = findDates(sentence);
    // "rescheduled to April 2" names the new date second: only the first date is the rescheduled one.
    const targets = hint === 'rescheduled' ? dates.slice(0, 1) : dates;
    for (const date of targets) {
      for (const entry of entries) {
        if (
          entry.date.month === date.month &&
          entry.date.day === date.day &&
          (date.year === undefined || date.year === entry.year)
        ) {
          entry.hint ??= hint;
        }
      }
    }
    if (dates.length === 0) {
      const month = monthOnly(sentence);
      const inMonth = entries.filter((e) => e.date.month === month);
      const only = inMonth[0];
      if (only !== undefined && inMonth.length === 1) only.hint ??= hint;
    }
  }
}

function monthOnly(sentence: string): number | undefined {
  const m =
    /\b(january|february|march|april|may|june|july|august|september|october|november|december)\b(?:\s+\d{4})?\s+(?:\w+\s+)?meeting/i.exec(
      sentence,
    );
  if (!m) return undefined;
  return monthNumber(m[1] ?? '');
}

/** The time stated in prose for when the body meets, when the document states exactly one. */
function documentMeetingTime(sentences: readonly string[]): TimeMention | undefined {
  const found = new Map<string, TimeMention>();
  for (const sentence of sentences) {
    if (!MEET_SENTENCE.test(sentence) || NOT_MEETING_TIME.test(sentence)) continue;
    for (const time of findTimes(sentence)) found.set(`${hhmm(time.start)}`, time);
  }
  return found.size === 1 ? [...found.values()][0] : undefined;
}

function singleMeetingEntry(lines: readonly Line[], dateCells: readonly DateCell[]): Entry | undefined {
  const withTime = (cell: DateCell): { time: TimeMention | undefined; lines: Set<number> } => {
    const used = new Set([cell.lineIndex]);
    const own = findTimes(cell.rest)[0] ?? findTimes(lines[cell.lineIndex]?.text ?? '')[0];
    if (own !== undefined) return { time: own, lines: used };
    for (let i = cell.lineIndex + 1; i <= cell.lineIndex + 2 && i < lines.length; i++) {
      const line = lines[i];
      if (line === undefined || line.cells.some((c) => leadingDate(c.text) !== undefined)) break;
      const time = findTimes(line.text)[0];
      if (time !== undefined) {
        used.add(i);
        return { time, lines: used };
      }
    }
    return { time: undefined, lines: used };
  };
  const make = (cell: DateCell, time: TimeMention | undefined, used: Set<number>): Entry => ({
    date: cell.date,
    lineIndex: cell.lineIndex,
    texts: [cell.rest],
    locationParts: [],
    marker: undefined,
    lines: used,
    time,
    hint: undefined,
    year: cell.date.year ?? 0,
  });
  for (const cell of dateCells) {
    const { time, lines: used } = withTime(cell);
    if (time !== undefined) return make(cell, time, used);
  }
  // No date heads a line: a sentence such as "The Board will meet on May 5, 2020 at 6:00 p.m.".
  for (const [index, line] of lines.entries()) {
    const date = findDates(line.text)[0];
    const time = findTimes(line.text)[0];
    if (date !== undefined && time !== undefined && MEET_SENTENCE.test(line.text)) {
      return make(
        { lineIndex: index, cell: { text: line.text, x0: 0, x1: 0 }, date, rest: '' },
        time,
        new Set([index]),
      );
    }
  }
  const first = dateCells[0];
  return first === undefined ? undefined : make(first, undefined, new Set([first.lineIndex]));
}

/** The year a schedule is for: the most frequent 4-digit year outside full dates, if any. */
function documentYear(lines: readonly Line[], dateCells: readonly DateCell[]): number | undefined {
  const stated = dateCells.map((c) => c.date.year).filter((y): y is number => y !== undefined);
  const counts = new Map<number, number>();
  for (const line of lines) {
    for (const year of findYears(line.text)) counts.set(year, (counts.get(year) ?? 0) + 1);
  }
  for (const y of stated) counts.set(y, (counts.get(y) ?? 0) - 1);
  let best: number | undefined;
  let bestCount = 0;
  for (const [year, count] of counts) {
    if (count > bestCount) {
      best = year;
      bestCount = count;
    }
  }
  return best;
}

/** Dates without a year take the schedule's year, rolling over when the months wrap (December → January). */
function assignYears(entries: Entry[], fallback: number): void {
  entries.sort((a, b) => a.lineIndex - b.lineIndex);
  let year = fallback;
  let lastMonth = 0;
  for (const entry of entries) {
    if (entry.date.year !== undefined) {
      entry.year = entry.date.year;
      year = entry.date.year;
    } else {
      if (entry.date.month < lastMonth) year++;
      entry.year = year;
    }
    lastMonth = entry.date.month;
  }
}

/** Non-entry text as sentences: lines are joined (sentences wrap) and split after . ! ? */
function splitSentences(lines: readonly Line[]): string[] {
  const text = lines.map((l) => l.text.replace(/\t/g, ' ')).join(' \n');
  return text
    .split(/(?<=[.!?])\s+(?=[A-Z*"(])|\n(?=[A-Z*"(][^\n]*:)|\n(?=\*)/)
    .map((s) => s.replace(/\s+/g, ' ').trim())
    .filter((s) => s !== '');
}

/** "Meeting Location: Summit County Council Chambers, 7th Floor of the" + the line that finishes it. */
function labelledLocation(lines: readonly Line[]): MeetingLocation | undefined {
  for (const [i, line] of lines.entries()) {
    const m = LOCATION_LABEL.exec(line.text.replace(/\t/g, ' '));
    const first = m?.[1]?.trim();
    if (first === undefined || first === '') continue;
    const parts = [first];
    const next = lines[i + 1];
    // A label line that stops mid-phrase ("… of the", "…,") continues on the next line.
    if (next !== undefined && /(?:,|\b(?:of|the|at|in|on|and|for))$/i.test(first)) {
      parts.push(next.text.replace(/\t/g, ' ').trim());
    }
    return splitLocation([parts.join(' ')]);
  }
  return undefined;
}

/** Name before the street address: the address starts at the first part that begins "<number> <word>". */
function splitLocation(parts: readonly string[]): MeetingLocation | undefined {
  const text = parts
    .map((p) => p.replace(/\*+/g, ' ').replace(/\s+/g, ' ').trim())
    .filter((p) => p !== '')
    .join(', ');
  if (text === '') return undefined;
  const pieces = text.split(/,\s*/);
  const at = pieces.findIndex((p) => /^\d+\s+\S/.test(p));
  if (at < 0) return { name: text };
  const name = pieces.slice(0, at).join(', ');
  const address = pieces.slice(at).join(', ');
  return name === '' ? { address } : { name, address };
}

const SMALL_WORDS = new Set(['of', 'and', 'the', 'for', 'on', 'in', 'at', 'to', 'a', 'an']);

/** The body named in the document's most prominent heading, e.g. "Akron City Planning Commission". */
export function detectTitle(lines: readonly Line[]): string {
  const candidates = lines
    .slice(0, 25)
    .filter((l) => l.page === 1 && findDates(l.text).length === 0 && BODY_WORDS.test(l.text))
    .filter((l) => l.text.length <= 80 && !/[.;]\s*$/.test(l.text));
  const best = candidates.reduce<Line | undefined>(
    (top, line) => (top === undefined || line.height > top.height + 0.5 ? line : top),
    undefined,
  );
  if (best === undefined) return 'Meeting';
  const cleaned = best.text
    .replace(/\t/g, ' ')
    .replace(/\b(19|20)\d{2}\b/g, ' ')
    .replace(/\b(annual\s+)?(meeting\s+)?(schedule|calendar|dates|agenda)\b/gi, ' ')
    .replace(/\s+/g, ' ')
    .replace(/^[\s\-–:|]+|[\s\-–:|]+$/g, '');
  const upper = cleaned === cleaned.toUpperCase();
  if (!upper) return cleaned;
  return cleaned
    .toLowerCase()
    .split(' ')
    .map((w, i) => (i > 0 && SMALL_WORDS.has(w) ? w : w.charAt(0).toUpperCase() + w.slice(1)))
    .join(' ');
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

function hhmm(time: TimeOfDay): string {
  return `${pad(time.hour)}:${pad(time.minute)}`;
}
