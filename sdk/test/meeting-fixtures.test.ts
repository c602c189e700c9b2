import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import type { ParsedMeeting } from '../src/index.js';
import {
  compareMeetings,
  expectedMeetingTable,
  localTimeToEpochMs,
  readExpectedMeetings,
} from '../src/testing/index.js';

const EXPECTED_MD = `# some_source — a fixture

- Spider timezone \`America/Detroit\`; \`freeze_time("2019-04-30")\`.

## Ground truth

| # | Date |
|---|---|
| 1 | 2019-04-16 |

## Full upstream spider output

| # | start | end | title | status |
|---|---|---|---|---|
| 0 | 2019-04-16T17:30:00 | 2019-04-16T19:30:00 | Board Meeting | passed |
| 1 | 2019-05-02T16:30 |  | Special Meeting | cancelled |
`;

describe('meeting fixture helpers', () => {
  let dir = '';
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'em-fixture-'));
    writeFileSync(join(dir, 'expected.md'), EXPECTED_MD);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('reads the zone, the frozen now (local midnight) and every table with its heading', () => {
    const expected = readExpectedMeetings(join(dir, 'expected.md'));
    expect(expected.timeZone).to.equal('America/Detroit');
    expect(expected.frozenLocal).to.equal('2019-04-30T00:00:00');
    expect(new Date(expected.now).toISOString()).to.equal('2019-04-30T04:00:00.000Z');
    expect(expected.tables.map((t) => [t.heading, t.rows.length])).to.deep.equal([
      ['Ground truth', 1],
      ['Full upstream spider output', 2],
    ]);
    expect(expectedMeetingTable(expected).rows[1]).to.deep.include({ start: '2019-05-02T16:30', end: '' });
    expect(expectedMeetingTable(expected, /Ground truth/).columns).to.deep.equal(['#', 'date']);
  });

  it('compares item by item and names every difference', () => {
    const expected = readExpectedMeetings(join(dir, 'expected.md'));
    const meeting = (start: string, title: string, extra: Partial<ParsedMeeting> = {}): ParsedMeeting => ({
      title,
      start,
      allDay: false,
      links: [],
      sourceUrl: 'u',
      ...extra,
    });
    const good = [
      meeting('2019-04-16T17:30:00', 'Board Meeting', { end: '2019-04-16T19:30:00' }),
      meeting('2019-05-02T16:30:00', 'Special Meeting', { statusHint: 'cancelled' }),
    ];
    const rows = expectedMeetingTable(expected).rows;
    expect(compareMeetings(good, rows, expected)).to.deep.equal({ matched: 2, total: 2, mismatches: [] });
    const bad = [meeting('2019-04-16T17:30:00', 'Board Meeting')];
    expect(compareMeetings(bad, rows, expected).mismatches).to.deep.equal([
      'count: got 1, want 2',
      '#0 end: got (none), want 2019-04-16T19:30:00',
      '#1 start: got (none), want 2019-05-02T16:30:00',
      '#1 title: got (none), want Special Meeting',
      '#1 status: got (none), want cancelled',
    ]);
  });

  it('converts local times across DST changes', () => {
    expect(new Date(localTimeToEpochMs('2024-03-10T03:30:00', 'America/New_York')).toISOString()).to.equal(
      '2024-03-10T07:30:00.000Z',
    );
    expect(new Date(localTimeToEpochMs('2024-11-03T01:30:00', 'America/New_York')).toISOString()).to.equal(
      '2024-11-03T05:30:00.000Z',
    );
    expect(new Date(localTimeToEpochMs('2024-07-01T12:00', 'America/Chicago')).toISOString()).to.equal(
      '2024-07-01T17:00:00.000Z',
    );
  });

  it('refuses an expected.md without zone or frozen date', () => {
    writeFileSync(join(dir, 'bad.md'), '# nothing here\n');
    expect(() => readExpectedMeetings(join(dir, 'bad.md'))).to.throw(/timezone/);
  });
});
