import { expect } from 'chai';
import { compareMeetings, expectedMeetingTable, meetingFixture } from '@encoder-manager/sdk/testing';
import { parseCivicClerk } from '../src/index.js';

const FOLDER = 'city-scrapers-atl/atl_south_fulton_city_council';
const URL_IN_TEST =
  'https://southfultonga.api.civicclerk.com/v1/Events?$filter=startDateTime+ge+2026-04-16+and+startDateTime+le+2027-04-16+and+categoryId+in+(26)';

describe('scraper-civicclerk fixture atl_south_fulton_city_council', () => {
  const { expected, input } = meetingFixture(
    FOLDER,
    'atl_south_fulton_city_council_meetings.json',
    URL_IN_TEST,
  );
  const meetings = parseCivicClerk({ ...input, options: { locationName: 'South Fulton City Hall' } });

  it('matches the full list (API order): local start despite the Z, title, status', () => {
    const table = expectedMeetingTable(expected);
    const result = compareMeetings(meetings, table.rows, expected);
    expect(result.mismatches).to.deep.equal([]);
    expect(result.matched).to.equal(16);
  });

  it('gives item 0 the location, portal links and source the upstream test asserts', () => {
    expect(meetings[0]).to.deep.include({
      title: 'Alcohol License and Zoning Public Hearings',
      body: 'City Council',
      sourceUrl: 'https://southfultonga.portal.civicclerk.com/event/1744',
      location: {
        name: 'South Fulton City Hall',
        address: '5440 Fulton Industrial Blvd South Fulton, Georgia, 30336',
      },
      sourceId: '1744',
    });
    expect(meetings[0]?.end).to.equal(undefined);
    expect(meetings[0]?.links).to.deep.equal([
      {
        kind: 'agenda',
        title: 'Agenda',
        url: 'https://southfultonga.portal.civicclerk.com/event/1744/files/agenda/2261',
      },
      {
        kind: 'packet',
        title: 'Agenda Packet',
        url: 'https://southfultonga.portal.civicclerk.com/event/1744/files/agenda/2262',
      },
      { kind: 'video', title: 'Video', url: 'https://cpmedia.azureedge.net/southfultonga/8c9fc82fc5.mp4' },
    ]);
  });

  it('does not double an address2 that repeats address1', () => {
    expect(meetings[1]?.location?.address).to.equal(
      '5440 Fulton Industrial Blvd South Fulton, Georgia, 30336',
    );
  });
});
