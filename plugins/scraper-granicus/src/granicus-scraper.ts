import {
  cleanMeetingTitle,
  EmError,
  parseClockTime,
  statusHintFromText,
  type Logger,
  type MeetingLink,
  type ParsedMeeting,
  type ScrapeInput,
  type Scraper,
} from '@encoder-manager/sdk';
import type { Element } from 'domhandler';
import { parseDocument } from 'htmlparser2';
import { cleanText, selectAll, selectOne } from './dom.js';
import { parseGranicusDate } from './granicus-date.js';
import { rowsOfTable, type ListingRow } from './granicus-table.js';
import { granicusOptions, type GranicusOptions } from './options.js';

/** Sort key of tables outside a year panel (the upcoming table): after every archive year. */
const LAST = Number.MAX_SAFE_INTEGER;

/** Meetings of a ViewPublisher page: archive panels by year (oldest first), then the upcoming table. */
export function parseGranicus(input: ScrapeInput, log?: Logger): ParsedMeeting[] {
  const options = granicusOptions(input);
  const rows = listingRowsOf(input);
  const kept = rows.filter((row) => isWanted(row, options));
  const meetings = kept.flatMap((row) => meetingOf(row, input, options) ?? []);
  const undated = kept.length - meetings.length;
  if (rows.length > 0 && !rows.some((row) => parseGranicusDate(row.dateText))) {
    throw parseError(input, 'no listing row has a date such as "October 12, 2016 - 5:00 PM"');
  }
  log?.debug(
    { source: input.source, rows: rows.length, meetings: meetings.length, undated },
    'parsed Granicus page',
  );
  return meetings;
}

function listingRowsOf(input: ScrapeInput): ListingRow[] {
  const text = new TextDecoder('utf-8').decode(input.body);
  if (!/<(html|body|table)\b/i.test(text)) {
    throw parseError(input, `not an HTML page ("${text.slice(0, 40).replace(/[^\x20-\x7e]/g, '?')}")`);
  }
  const tables = selectAll('table.listingTable', parseDocument(text)).map((table) => ({
    table,
    panel: panelOf(table),
  }));
  if (tables.length === 0)
    throw parseError(input, 'the page has no Granicus listing tables (table.listingTable)');
  // Archive panels oldest year first (their ids are CollapsiblePanel<YEAR><N>), then the upcoming table.
  const ordered = [...tables].sort((a, b) => (a.panel?.year ?? LAST) - (b.panel?.year ?? LAST));
  return ordered.flatMap(({ table, panel }) => rowsOfTable(table, input.url, panel?.name));
}

/** The CollapsiblePanel around an archive table: its tab's body name ("*City Council") and its year. */
function panelOf(table: Element): { name: string | undefined; year: number } | undefined {
  for (let node = table.parent; node; node = node.parent) {
    const element = node as Element;
    if (node.type !== 'tag' || !/\bCollapsiblePanel\b/.test(element.attribs['class'] ?? '')) continue;
    const tab = selectOne('.CollapsiblePanelTab', node);
    const year = Number(/^CollapsiblePanel(\d{4})/.exec(element.attribs['id'] ?? '')?.[1] ?? LAST);
    return { name: tab ? cleanText(tab).replace(/^\*+\s*/, '') : undefined, year };
  }
  return undefined;
}

/** Archive rows by their panel's body; upcoming rows (all bodies in one table) by title. */
function isWanted(row: ListingRow, options: GranicusOptions): boolean {
  if (row.panel !== undefined) {
    return (
      options.bodies.length === 0 ||
      options.bodies.some((body) => body.toLowerCase() === row.panel?.toLowerCase())
    );
  }
  return !options.upcomingTitle || options.upcomingTitle.test(row.name);
}

function meetingOf(row: ListingRow, input: ScrapeInput, options: GranicusOptions): ParsedMeeting | undefined {
  const when = parseGranicusDate(row.dateText);
  const title = cleanMeetingTitle(row.name);
  if (!when || !title) return undefined; // "In Progress" rows carry no date
  const time =
    when.time ?? (options.defaultTime ? parseClockTime(options.defaultTime) : undefined) ?? '00:00:00';
  const statusHint = statusHintFromText(row.name);
  const sourceId = /[?&](clip_id|event_id)=(\d+)/.exec(row.links.agenda ?? row.links.video ?? '');
  return {
    title,
    ...(row.panel ? { body: row.panel } : {}),
    start: `${when.date}T${time}`,
    allDay: false,
    ...(options.location ? { location: options.location } : {}),
    ...(statusHint ? { statusHint } : {}),
    links: linksOf(row),
    ...(when.time ? {} : { timeNotes: 'No time published; confirm details with agency' }),
    sourceUrl: input.url,
    ...(sourceId ? { sourceId: `${sourceId[1] === 'clip_id' ? 'clip' : 'event'}:${sourceId[2]}` } : {}),
  };
}

function linksOf(row: ListingRow): MeetingLink[] {
  const named: ReadonlyArray<['agenda' | 'minutes' | 'video', string]> = [
    ['agenda', 'Agenda'],
    ['minutes', 'Minutes'],
    ['video', 'Video'],
  ];
  return named.flatMap(([kind, title]) => (row.links[kind] ? [{ kind, title, url: row.links[kind] }] : []));
}

function parseError(input: ScrapeInput, what: string): EmError {
  return new EmError('EM_SCRAPE_PARSE', `${input.source}: ${what}`, {
    hint: `Check that ${input.url} is a Granicus ViewPublisher page (ViewPublisher.php?view_id=N) and the source type "granicus" is right.`,
    details: { url: input.url, contentType: input.contentType },
  });
}

/** The Granicus ViewPublisher scraper (source type `granicus`). */
export function createGranicusScraper(log?: Logger): Scraper {
  return {
    name: 'granicus',
    sourceTypes: ['granicus'],
    async parse(input) {
      return parseGranicus(input, log);
    },
  };
}
