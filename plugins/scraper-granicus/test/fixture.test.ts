import { expect } from 'chai';
import { compareMeetings, expectedMeetingTable, meetingFixture } from '@encoder-manager/sdk/testing';
import { parseGranicus } from '../src/index.js';

const FOLDER = 'city-scrapers-tulsa/tulok_citycouncil';
const OPTIONS = {
  bodies: ['City Council'],
  upcomingTitle: 'Council',
  locationName: 'City Hall',
  locationAddress: '175 E 2nd St, Tulsa, OK 74103',
};

describe('scraper-granicus fixture tulok_citycouncil', () => {
  const { expected, input } = meetingFixture(
    FOLDER,
    'tulok_citycouncil.html',
    'https://tulsa-ok.granicus.com/ViewPublisher.php?view_id=4',
  );
  const meetings = parseGranicus({ ...input, options: OPTIONS });
  const table = expectedMeetingTable(expected);

  it('matches the full list (page order): start, title, status', () => {
    const result = compareMeetings(meetings, table.rows, expected);
    expect(result.mismatches).to.deep.equal([]);
    expect(result.matched).to.equal(17);
  });

  it('matches every row’s links (archive: agenda + video by clip_id; upcoming: agenda by event_id)', () => {
    const got = meetings.map((m) => m.links.map((link) => `${link.title}: ${link.url}`).join('; '));
    expect(got).to.deep.equal(table.rows.map((row) => row['links']));
  });

  it('skips the "In Progress" row, the other bodies, and keeps the body and catalog location', () => {
    expect(meetings.some((m) => /Human Rights/.test(m.title))).to.equal(false);
    expect(meetings.some((m) => m.sourceId === 'event:26737')).to.equal(false);
    expect(meetings[0]).to.deep.include({
      body: 'City Council',
      location: { name: 'City Hall', address: '175 E 2nd St, Tulsa, OK 74103' },
      sourceId: 'clip:3400',
      sourceUrl: 'https://tulsa-ok.granicus.com/ViewPublisher.php?view_id=4',
    });
  });

  it('without options reads every row that has a date', () => {
    const all = parseGranicus(input);
    expect(all).to.have.length(18); // the 17 plus the Human Rights Commission
  });
});
