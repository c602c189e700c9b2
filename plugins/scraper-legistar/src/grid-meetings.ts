import {
  cleanMeetingTitle,
  parseClockTime,
  statusHintFromText,
  type Logger,
  type MeetingLink,
  type ParsedMeeting,
  type ScrapeInput,
} from '@encoder-manager/sdk';
import { stringOption } from './documents.js';
import { EM_MARK } from './grid-html.js';
import { gridRowsOf, type GridCell, type GridRow } from './grid-rows.js';

const LINK_COLUMNS: ReadonlyArray<[string, MeetingLink['kind']]> = [
  ['Agenda', 'agenda'],
  ['Minutes', 'minutes'],
  ['Video', 'video'],
  ['Summary', 'other'],
  ['Captions', 'other'],
];

/**
 * Meetings of a `legistar-grid` document. Start = `Meeting Date` (M/D/YYYY) + `Meeting Time`; notes the
 * clerk put in `<em>` inside the location ("THIS MEETING HAS BEEN CANCELLED.") feed the status. Rows
 * repeating a Legistar meeting ID (from the iCalendar or Meeting details link) are dropped.
 */
export function parseLegistarGrid(input: ScrapeInput, log?: Logger): ParsedMeeting[] {
  const defaultTime = stringOption(input, 'defaultTime');
  const seen = new Set<string>();
  const meetings: ParsedMeeting[] = [];
  let skipped = 0;
  for (const row of gridRowsOf(input)) {
    const meeting = meetingOf(input, row, defaultTime);
    if (!meeting) skipped += 1;
    else if (!meeting.sourceId || !seen.has(meeting.sourceId)) meetings.push(meeting);
    if (meeting?.sourceId) seen.add(meeting.sourceId);
  }
  if (skipped > 0)
    log?.warn(
      { source: input.source, rows: skipped },
      'Legistar grid rows without a usable date/time skipped',
    );
  return meetings;
}

function meetingOf(
  input: ScrapeInput,
  row: GridRow,
  defaultTime: string | undefined,
): ParsedMeeting | undefined {
  const title = cleanMeetingTitle(labelOf(row['Name']));
  const date = isoDate(labelOf(row['Meeting Date']));
  const statedTime = parseClockTime(labelOf(row['Meeting Time']));
  const time = statedTime ?? (defaultTime ? parseClockTime(defaultTime) : undefined);
  if (!title || !date || !time) return undefined;
  const { place, notes } = locationOf(labelOf(row['Meeting Location']));
  const links = linksOf(row);
  const statusHint =
    statusHintFromText(title, ...notes) ??
    (links.some((link) => link.kind === 'agenda') ? 'confirmed' : undefined);
  const sourceId = meetingIdOf(row);
  return {
    title,
    body: title,
    start: `${date}T${time}`,
    allDay: false,
    ...(place ? { location: { name: place } } : {}),
    ...(statusHint ? { statusHint } : {}),
    links,
    ...(statedTime ? {} : { timeNotes: 'No time published; confirm details with agency' }),
    sourceUrl: urlOf(row['Meeting Details']) ?? urlOf(row['Name']) ?? input.url,
    ...(sourceId ? { sourceId } : {}),
  };
}

function labelOf(cell: GridCell | undefined): string {
  const text = typeof cell === 'string' ? cell : (cell?.label ?? '');
  return text.replace(/\u00a0/g, ' ').trim();
}

function urlOf(cell: GridCell | undefined): string | undefined {
  return typeof cell === 'object' && cell.url ? cell.url : undefined;
}

function isoDate(text: string): string | undefined {
  const match = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text);
  if (!match) return undefined;
  const [, month = '', day = '', year = ''] = match;
  return `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
}

function locationOf(text: string): { place: string; notes: string[] } {
  const notes = [...text.matchAll(new RegExp(`${EM_MARK}(.*?)${EM_MARK}`, 'gs'))].map((m) =>
    (m[1] ?? '').trim(),
  );
  const place = text.replace(new RegExp(`${EM_MARK}.*?${EM_MARK}`, 'gs'), '').trim();
  return { place, notes };
}

function linksOf(row: GridRow): MeetingLink[] {
  return LINK_COLUMNS.flatMap(([column, kind]) => {
    const url = urlOf(row[column]);
    return url ? [{ kind, title: column, url }] : [];
  });
}

/** Legistar's meeting ID from the iCalendar (`View.ashx?M=IC&ID=`) or Meeting details link. */
function meetingIdOf(row: GridRow): string | undefined {
  for (const column of ['iCalendar', 'Meeting Details']) {
    const id = /[?&]ID=(\d+)/i.exec(urlOf(row[column]) ?? '')?.[1];
    if (id) return id;
  }
  return undefined;
}
