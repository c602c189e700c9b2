import { expect } from 'chai';
import { parseIcal } from '../src/index.js';
import { ics, icsInput } from './helpers.js';

const calendar = (...events: string[][]): string =>
  ics('BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//test//EN', ...events.flat(), 'END:VCALENDAR');

describe('scraper-ical recurrence', () => {
  // Weekly on Thursdays at 18:00 New York time, 8 times from 2024-01-04; the 2024-01-11 instance is
  // excluded, the 2024-01-18 one moved to 19:00 and the 2024-01-25 one cancelled.
  const council = calendar(
    [
      'BEGIN:VEVENT',
      'UID:council-weekly',
      'SUMMARY:City Council',
      'DTSTART;TZID=America/New_York:20240104T180000',
      'DTEND;TZID=America/New_York:20240104T200000',
      'RRULE:FREQ=WEEKLY;BYDAY=TH;COUNT=8',
      'EXDATE;TZID=America/New_York:20240111T180000',
      'END:VEVENT',
    ],
    [
      'BEGIN:VEVENT',
      'UID:council-weekly',
      'RECURRENCE-ID;TZID=America/New_York:20240118T180000',
      'SUMMARY:City Council (moved)',
      'DTSTART;TZID=America/New_York:20240118T190000',
      'DTEND;TZID=America/New_York:20240118T210000',
      'END:VEVENT',
    ],
    [
      'BEGIN:VEVENT',
      'UID:council-weekly',
      'RECURRENCE-ID;TZID=America/New_York:20240125T180000',
      'SUMMARY:City Council',
      'STATUS:CANCELLED',
      'DTSTART;TZID=America/New_York:20240125T180000',
      'DTEND;TZID=America/New_York:20240125T200000',
      'END:VEVENT',
    ],
  );

  it('expands RRULE, drops EXDATE, applies RECURRENCE-ID overrides and STATUS:CANCELLED', () => {
    const meetings = parseIcal(icsInput(council, { options: { pastDays: 30, futureDays: 60 } }));
    expect(meetings.map((m) => [m.start, m.end, m.title, m.statusHint ?? ''])).to.deep.equal([
      ['2024-01-04T18:00:00', '2024-01-04T20:00:00', 'City Council', ''],
      ['2024-01-18T19:00:00', '2024-01-18T21:00:00', 'City Council (moved)', ''],
      ['2024-01-25T18:00:00', '2024-01-25T20:00:00', 'City Council', 'cancelled'],
      ['2024-02-01T18:00:00', '2024-02-01T20:00:00', 'City Council', ''],
      ['2024-02-08T18:00:00', '2024-02-08T20:00:00', 'City Council', ''],
      ['2024-02-15T18:00:00', '2024-02-15T20:00:00', 'City Council', ''],
      ['2024-02-22T18:00:00', '2024-02-22T20:00:00', 'City Council', ''],
    ]);
    expect(meetings[1]?.sourceId).to.equal('council-weekly@2024-01-18T18:00:00');
  });

  it('keeps only instances inside the window around now', () => {
    // now = 2024-01-10; 5 days back and 20 days ahead leaves 2024-01-18 (moved) and 2024-01-25.
    const meetings = parseIcal(icsInput(council, { options: { pastDays: 5, futureDays: 20 } }));
    expect(meetings.map((m) => m.start)).to.deep.equal(['2024-01-18T19:00:00', '2024-01-25T18:00:00']);
  });

  it('bounds an endless rule by the window and maxInstances', () => {
    const daily = calendar([
      'BEGIN:VEVENT',
      'UID:daily',
      'SUMMARY:Daily briefing',
      'DTSTART:20000101T140000Z',
      'RRULE:FREQ=DAILY',
      'END:VEVENT',
    ]);
    const windowed = parseIcal(icsInput(daily, { options: { pastDays: 1, futureDays: 2 } }));
    expect(windowed.map((m) => m.start)).to.deep.equal([
      '2024-01-09T09:00:00',
      '2024-01-10T09:00:00',
      '2024-01-11T09:00:00',
    ]);
    const capped = parseIcal(
      icsInput(daily, { options: { pastDays: 0, futureDays: 400, maxInstances: 10 } }),
    );
    expect(capped).to.have.length(10);
  });
});

describe('scraper-ical times', () => {
  it('converts TZID times from another zone and UTC times into the agency zone', () => {
    const text = calendar(
      [
        'BEGIN:VEVENT',
        'UID:la',
        'SUMMARY:Joint session',
        'DTSTART;TZID=America/Los_Angeles:20240301T150000',
        'DTEND;TZID=America/Los_Angeles:20240301T160000',
        'END:VEVENT',
      ],
      // 2024-03-10 is the US spring-forward day: 14:30Z is 10:30 EDT (not EST).
      ['BEGIN:VEVENT', 'UID:utc', 'SUMMARY:Budget hearing', 'DTSTART:20240310T143000Z', 'END:VEVENT'],
      ['BEGIN:VEVENT', 'UID:floating', 'SUMMARY:Town hall', 'DTSTART:20240312T190000', 'END:VEVENT'],
    );
    const meetings = parseIcal(icsInput(text));
    expect(meetings.map((m) => [m.start, m.end])).to.deep.equal([
      ['2024-03-01T18:00:00', '2024-03-01T19:00:00'],
      ['2024-03-10T10:30:00', undefined],
      ['2024-03-12T19:00:00', undefined],
    ]);
  });

  it('resolves a non-IANA TZID through the VTIMEZONE the feed defines', () => {
    const text = calendar(
      [
        'BEGIN:VTIMEZONE',
        'TZID:Eastern Standard Time',
        'BEGIN:STANDARD',
        'DTSTART:16011104T020000',
        'RRULE:FREQ=YEARLY;BYDAY=1SU;BYMONTH=11',
        'TZOFFSETFROM:-0400',
        'TZOFFSETTO:-0500',
        'END:STANDARD',
        'BEGIN:DAYLIGHT',
        'DTSTART:16010311T020000',
        'RRULE:FREQ=YEARLY;BYDAY=2SU;BYMONTH=3',
        'TZOFFSETFROM:-0500',
        'TZOFFSETTO:-0400',
        'END:DAYLIGHT',
        'END:VTIMEZONE',
      ],
      [
        'BEGIN:VEVENT',
        'UID:outlook',
        'SUMMARY:Board meeting',
        'DTSTART;TZID=Eastern Standard Time:20240716T173000',
        'END:VEVENT',
      ],
    );
    const [meeting] = parseIcal(icsInput(text, { timeZone: 'America/Chicago' }));
    expect(meeting?.start).to.equal('2024-07-16T16:30:00');
    expect(meeting?.timeNotes).to.equal(undefined);
  });

  it('takes an unknown TZID as local time and says so in timeNotes', () => {
    const text = calendar([
      'BEGIN:VEVENT',
      'UID:x',
      'SUMMARY:Board',
      'DTSTART;TZID=Mars Standard Time:20240716T173000',
      'END:VEVENT',
    ]);
    const [meeting] = parseIcal(icsInput(text));
    expect(meeting).to.deep.include({ start: '2024-07-16T17:30:00' });
    expect(meeting?.timeNotes).to.match(/Mars Standard Time/);
  });

  it('marks VALUE=DATE events all-day with an exclusive next-day end', () => {
    const text = calendar([
      'BEGIN:VEVENT',
      'UID:holiday',
      'SUMMARY:Offices closed',
      'DTSTART;VALUE=DATE:20240527',
      'DTEND;VALUE=DATE:20240528',
      'END:VEVENT',
    ]);
    const [meeting] = parseIcal(icsInput(text));
    expect(meeting).to.deep.include({
      start: '2024-05-27T00:00:00',
      end: '2024-05-28T00:00:00',
      allDay: true,
    });
  });

  it('unfolds long lines, unescapes text, and reads notices and links', () => {
    const text = calendar([
      'BEGIN:VEVENT',
      'UID:folded',
      'SUMMARY:CANCELLED: Planning Commission\\, special sess',
      ' ion',
      'LOCATION:City Hall\\, Room 217',
      'URL:https://example.org/events/42',
      'ATTACH;FILENAME=Agenda.pdf:https://example.org/files/agenda-42.pdf',
      'DTSTART:20240220T230000Z',
      'END:VEVENT',
    ]);
    const [meeting] = parseIcal(icsInput(text));
    expect(meeting).to.deep.include({
      title: 'Planning Commission, special session',
      start: '2024-02-20T18:00:00',
      statusHint: 'cancelled',
      location: { address: 'City Hall, Room 217' },
    });
    expect(meeting?.links).to.deep.equal([
      { kind: 'other', title: 'Event page', url: 'https://example.org/events/42' },
      { kind: 'agenda', title: 'Agenda.pdf', url: 'https://example.org/files/agenda-42.pdf' },
    ]);
  });
});
