import { expect } from 'chai';
import { compareMeetings, expectedMeetingTable, meetingFixture } from '@encoder-manager/sdk/testing';
import { parseIcal } from '../src/index.js';

interface FixtureCase {
  readonly folder: string;
  readonly file: string;
  readonly url: string;
}

const CASES: readonly FixtureCase[] = [
  {
    folder: 'city-scrapers-det/det_board_of_education',
    file: 'det_board_of_education.ics',
    url: 'https://www.detroitk12.org/site/handlers/icalfeed.ashx?MIID=14864',
  },
];

describe('scraper-ical fixtures (full list against expected.md)', () => {
  for (const fixture of CASES) {
    it(`${fixture.folder}: every meeting matches start, end, title and status`, () => {
      const { expected, input } = meetingFixture(fixture.folder, fixture.file, fixture.url);
      const table = expectedMeetingTable(expected);
      const meetings = parseIcal(input);
      const result = compareMeetings(meetings, table.rows, expected);
      expect(result.mismatches).to.deep.equal([]);
      expect(result.matched).to.equal(table.rows.length);
    });
  }

  it('det_board_of_education: unfolds folded LOCATION lines into the address; the UID is the source id', () => {
    const { expected, input } = meetingFixture(
      'city-scrapers-det/det_board_of_education',
      'det_board_of_education.ics',
      'https://www.detroitk12.org/site/handlers/icalfeed.ashx?MIID=14864',
    );
    const meetings = parseIcal(input);
    const table = expectedMeetingTable(expected);
    // The upstream spider appends " Detroit, MI" to addresses without a city; the feed's own text is the prefix.
    table.rows.forEach((row, index) => {
      const address = meetings[index]?.location?.address ?? '(none)';
      expect(row['location']?.startsWith(address), `#${index} ${address}`).to.equal(true);
    });
    expect(meetings[11]?.location?.address).to.equal(
      'Fisher Building, 3011 W. Grand Boulevard, 12th Floor Conference Room',
    );
    expect(meetings[0]).to.deep.include({
      title: 'DPSCD Regular Board Meeting',
      allDay: false,
      location: { address: 'Renaissance High School, Detroit, MI 48235, USA' },
      sourceId: '7856',
      links: [],
    });
  });
});
