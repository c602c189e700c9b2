import { expect } from 'chai';
import { compareMeetings, expectedMeetingTable, meetingFixture } from '@encoder-manager/sdk/testing';
import { parseGeneric } from '../src/index.js';

// The generic adapter reproduces real fixtures by configuration only: these options are what a station
// would put in the catalog entry; no code knows about CivicClerk or Drupal.
describe('scraper-generic reproduces real fixtures by configuration', () => {
  it('atl_south_fulton_city_council (CivicClerk OData JSON): all 16 meetings', () => {
    const { expected, input } = meetingFixture(
      'city-scrapers-atl/atl_south_fulton_city_council',
      'atl_south_fulton_city_council_meetings.json',
      'https://southfultonga.api.civicclerk.com/v1/Events',
    );
    const options = {
      items: '$.value[*]',
      times: 'local', // CivicClerk writes local times with a Z
      fields: {
        title: '$.eventName',
        start: '$.startDateTime',
        id: '$.id',
        sourceUrl: 'https://southfultonga.portal.civicclerk.com/event/{$.id}',
        locationAddress:
          '{$.eventLocation.address1} {$.eventLocation.city}, {$.eventLocation.state}, {$.eventLocation.zipCode}',
        links: [
          {
            kind: 'agenda',
            title: 'Agenda',
            url: 'https://southfultonga.portal.civicclerk.com/event/{$.id}/files/agenda/{$.publishedFiles[0].fileId}',
          },
        ],
      },
    };
    const meetings = parseGeneric({ ...input, options });
    const result = compareMeetings(meetings, expectedMeetingTable(expected).rows, expected);
    expect(result.mismatches).to.deep.equal([]);
    expect(result.matched).to.equal(16);
    expect(meetings[0]).to.deep.include({
      sourceUrl: 'https://southfultonga.portal.civicclerk.com/event/1744',
      location: { address: '5440 Fulton Industrial Blvd South Fulton, Georgia, 30336' },
      links: [
        {
          kind: 'agenda',
          title: 'Agenda',
          url: 'https://southfultonga.portal.civicclerk.com/event/1744/files/agenda/2261',
        },
      ],
    });
    expect(meetings[1]?.links).to.deep.equal([]);
  });

  it('charnc_meck_boc county calendar (Drupal JSON:API, UTC): rows 0–3 with ends and the cancellation', () => {
    const { expected, input } = meetingFixture(
      'city-scrapers-charnc/charnc_meck_boc',
      'charnc_meck_boc.json',
      'https://calendar.mecknc.gov/jsonapi/node/event',
    );
    const options = {
      items: '$.data[*]',
      times: 'instant',
      fields: {
        title: '$.attributes.title',
        start: '$.attributes.field_event_datetime[0].value',
        end: '$.attributes.field_event_datetime[0].end_value',
        locationName: '$.attributes.field_event_address.address_line2',
        locationAddress:
          '{$.attributes.field_event_address.address_line1}, {$.attributes.field_event_address.locality}, ' +
          '{$.attributes.field_event_address.administrative_area} {$.attributes.field_event_address.postal_code}',
        sourceUrl: '$.attributes.absolute_url',
        id: '$.id',
      },
      exclude: { title: 'offices closed' },
    };
    const meetings = parseGeneric({ ...input, options });
    // Row 4 is Legistar-only (scraper-legistar); the meetings plugin merges the two sources.
    const calendarRows = expectedMeetingTable(expected).rows.slice(0, 4);
    const result = compareMeetings(meetings, calendarRows, expected);
    expect(result.mismatches).to.deep.equal([]);
    expect(result.matched).to.equal(4);
    expect(
      meetings.map((m) => [m.location?.name, m.location?.address].filter(Boolean).join(' / ')),
    ).to.deep.equal(calendarRows.map((row) => row['location']));
  });
});
