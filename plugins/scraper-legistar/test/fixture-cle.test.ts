import { readFileSync } from 'node:fs';
import { expect } from 'chai';
import type { ParsedMeeting } from '@encoder-manager/sdk';
import {
  compareMeetings,
  expectedMeetingTable,
  localTimeToEpochMs,
  meetingFixture,
  meetingFixtureUrl,
} from '@encoder-manager/sdk/testing';
import { meetingStatus } from '@encoder-manager/sdk';
import { parseLegistarGrid } from '../src/index.js';

const FOLDER = 'city-scrapers-cle/cle_city_council';

// expected.md has no full table for this fixture: it states facts about the 126 upstream rows (3 of which
// repeat a meeting ID), a table of the upcoming ones and the Meeting Time histogram. Each is checked here
// against the de-duplicated 123 meetings.
describe('scraper-legistar fixture cle_city_council (legistar-grid rows)', () => {
  const { expected, input } = meetingFixture(
    FOLDER,
    'cle_city_council.json',
    'https://cityofcleveland.legistar.com/Calendar.aspx',
  );
  const markdown = readFileSync(meetingFixtureUrl(`${FOLDER}/expected.md`), 'utf8');
  const meetings = parseLegistarGrid(input);
  const statusOf = (m: ParsedMeeting): string =>
    meetingStatus(m.statusHint, localTimeToEpochMs(m.start, expected.timeZone), expected.now);
  const byStart = [...meetings].sort(
    (a, b) => a.start.localeCompare(b.start) || a.title.localeCompare(b.title),
  );

  it('de-duplicates by Legistar meeting ID: 123 distinct meetings', () => {
    expect(meetings).to.have.length(123);
    expect(new Set(meetings.map((m) => m.sourceId)).size).to.equal(123);
  });

  it('matches the upcoming table item by item (duplicate rows counted once)', () => {
    const table = expectedMeetingTable(expected);
    const rows = table.rows.map((row) => ({
      ...row,
      title: (row['title'] ?? '').replace(/\s*\(x\d+, duplicate row\)$/, ''),
    }));
    const upcoming = byStart.filter((m) => localTimeToEpochMs(m.start, expected.timeZone) >= expected.now);
    const result = compareMeetings(upcoming, rows, expected);
    expect(result.mismatches).to.deep.equal([]);
    expect(result.matched).to.equal(5);
  });

  it('has the stated status counts (118 passed, 7 tentative, 1 cancelled over 126 rows, less the duplicates)', () => {
    const counts = { passed: 0, tentative: 0, cancelled: 0 } as Record<string, number>;
    for (const meeting of meetings) counts[statusOf(meeting)] = (counts[statusOf(meeting)] ?? 0) + 1;
    // Duplicates: 2019-09-04 (passed), 2019-09-09 and 2019-09-16 (tentative).
    expect(counts).to.deep.equal({ passed: 117, tentative: 5, cancelled: 1 });
  });

  it('has the Meeting Time histogram of expected.md (the 3 duplicates are all 7:00 PM)', () => {
    const paragraph = /`Meeting Time` values present: ([\s\S]*?)(?:\n\s*\n|$)/.exec(markdown)?.[1] ?? '';
    const line = paragraph.replace(/\s+/g, ' ');
    const want = new Map<string, number>();
    for (const [, times = '', count = ''] of line.matchAll(
      /((?:[\d:]+ [AP]M(?:, )?)+) \((\d+)(?: each)?\)/g,
    )) {
      for (const time of times.split(', ')) want.set(time, Number(count));
    }
    want.set('7:00 PM', (want.get('7:00 PM') ?? 0) - 3);
    const got = new Map<string, number>();
    for (const meeting of meetings) {
      const [hour = 0, minute = 0] = meeting.start.slice(11, 16).split(':').map(Number);
      const label = `${hour % 12 || 12}:${String(minute).padStart(2, '0')} ${hour < 12 ? 'AM' : 'PM'}`;
      got.set(label, (got.get(label) ?? 0) + 1);
    }
    expect(Object.fromEntries(got)).to.deep.equal(Object.fromEntries(want));
  });

  it('finds the one cancellation, hidden in the location note, and keeps the room as the location', () => {
    const cancelled = meetings.filter((m) => m.statusHint === 'cancelled');
    expect(cancelled.map((m) => [m.start, m.title, m.location?.name])).to.deep.equal([
      ['2019-01-30T10:00:00', 'Safety Committee', 'Mercedes Cotner Committee Room 217'],
    ]);
  });

  it('has the range and first item the upstream test asserts', () => {
    expect(byStart[0]).to.deep.include({ start: '2019-01-07T14:00:00', title: 'Finance Committee' });
    expect(byStart[0]?.location).to.deep.equal({ name: 'Mercedes Cotner Committee Room 217' });
    expect(byStart[0]?.links).to.deep.equal([
      {
        kind: 'agenda',
        title: 'Agenda',
        url: 'https://cityofcleveland.legistar.com/View.ashx?M=A&ID=669085&GUID=5097DB3A-D3FD-457D-A31C-1AA4B87339EA',
      },
    ]);
    expect(statusOf(byStart[0] as ParsedMeeting)).to.equal('passed');
    expect(byStart.at(-1)).to.deep.include({ start: '2019-09-16T19:00:00', title: 'City Council' });
    expect(meetings.filter((m) => m.title === 'City Council')).to.have.length(27 - 3);
    expect(meetings.filter((m) => /Committee/.test(m.title))).to.have.length(99);
  });
});
