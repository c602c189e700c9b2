import { expect } from 'chai';
import { compareMeetings, expectedMeetingTable, meetingFixture } from '@encoder-manager/sdk/testing';
import { parseLegistarApi } from '../src/index.js';

// charnc_meck_boc's expected list merges two sources: the county calendar (rows 0–3, parsed by
// scraper-generic) and this Legistar Web API reply. Legistar event 1895 is the Legistar-only row 4;
// event 1802 is the Legistar side of row 1 (same start; the meetings plugin merges it into the calendar's
// title and takes its agenda link).
describe('scraper-legistar fixture charnc_meck_boc (legistar-api)', () => {
  const { expected, input } = meetingFixture(
    'city-scrapers-charnc/charnc_meck_boc',
    'charnc_meck_boc_legistar.json',
    'https://webapi.legistar.com/v1/mecklenburg/events',
  );
  const table = expectedMeetingTable(expected);
  const meetings = parseLegistarApi(input);

  it('gives both events, start from EventDate + EventTime, status with the frozen now', () => {
    // Only start and status: row 1's end comes from the calendar (Legistar publishes no end time).
    const rowsWithSameStart = meetings.map((meeting) =>
      table.rows.find((row) => row['start'] === meeting.start),
    );
    expect(rowsWithSameStart.every(Boolean), 'every Legistar event has an expected row').to.equal(true);
    const result = compareMeetings(
      meetings,
      rowsWithSameStart.map((row) => row ?? {}),
      {
        ...expected,
        fields: ['start', 'status'],
      },
    );
    expect(result.mismatches).to.deep.equal([]);
    expect(result.matched).to.equal(2);
  });

  it('matches the Legistar-only row (the last one) in full', () => {
    const legistarOnly = table.rows.slice(-1);
    const result = compareMeetings(
      meetings.filter((m) => m.sourceId === '1895'),
      legistarOnly,
      expected,
    );
    expect(result.mismatches).to.deep.equal([]);
    expect(meetings.find((m) => m.sourceId === '1895')).to.deep.include({
      sourceUrl:
        'https://mecklenburg.legistar.com/MeetingDetail.aspx?LEGID=1895&GID=194&G=9CAF76CE-14E5-4AB9-8178-ECFA61E02FDA',
      links: [
        {
          kind: 'agenda',
          title: 'Agenda',
          url: 'https://legistar1.granicus.com/Mecklenburg/meetings/2026/4/1895_A_Board_of_Commissioners_26-04-07_Meeting_Agenda.pdf',
        },
      ],
    });
  });

  it('carries the agenda link the merged row 1 shows', () => {
    const budget = meetings.find((m) => m.sourceId === '1802');
    expect(budget?.links.map((link) => link.url)).to.deep.equal([
      'https://legistar1.granicus.com/Mecklenburg/meetings/2025/1/1802_A_Budget_Public_Policy_25-01-14_Meeting_Agenda.pdf',
    ]);
    expect(budget?.title).to.equal('Budget Public Policy');
  });
});
