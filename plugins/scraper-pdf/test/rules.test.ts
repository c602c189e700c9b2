/**
 * The parsing rules on layouts the fixtures do not cover, through real (generated) PDFs: column choice,
 * deadlines, times in cells and in prose, years, cancellations in cells, footnotes and sentences.
 */
import { expect } from 'chai';
import { parsePages, starts } from './helpers.js';
import { table, type PlacedText } from './pdf-builder.js';

const heading = (text: string, y = 730): PlacedText => ({ x: 72, y, text, size: 16 });

describe('scraper-pdf rules', () => {
  it('takes the meeting column when a deadline column comes first, and a CANCELLED note in its row', async () => {
    const meetings = await parsePages([
      [
        heading('CITY COUNCIL 2021 MEETING SCHEDULE'),
        ...table(
          [
            ['Filing Deadline', 'Meeting Date', 'Notes'],
            ['December 28, 2020', 'January 11, 2021', ''],
            ['January 25, 2021', 'February 8, 2021', 'CANCELLED'],
            ['February 22, 2021', 'March 8, 2021', 'Budget hearing'],
          ],
          { x: [72, 250, 420], top: 660 },
        ),
        { x: 72, y: 560, text: 'Regular meetings begin at 6:00 p.m. in Council Chambers.' },
      ],
    ]);
    expect(starts(meetings)).to.deep.equal([
      ['2021-01-11T18:00:00', undefined],
      ['2021-02-08T18:00:00', 'cancelled'],
      ['2021-03-08T18:00:00', undefined],
    ]);
    expect(meetings[0]?.title).to.equal('City Council');
    expect(meetings[0]?.timeNotes).to.be.undefined;
  });

  it('takes the leftmost of paired date columns without headers, or the one `dateColumn` names', async () => {
    const page = table(
      [
        ['April 6, 2021', 'March 23, 2021'],
        ['May 4, 2021', 'April 20, 2021'],
      ],
      { x: [72, 300], top: 600 },
    );
    expect(starts(await parsePages([page], { options: { defaultTime: '19:00' } }))).to.deep.equal([
      ['2021-04-06T19:00:00', undefined],
      ['2021-05-04T19:00:00', undefined],
    ]);
    const second = await parsePages([page], { options: { defaultTime: '19:00', dateColumn: 1 } });
    expect(second.map((m) => m.start)).to.deep.equal(['2021-03-23T19:00:00', '2021-04-20T19:00:00']);
  });

  it('reads a time or range per row, p.m. included, and a place from a location column', async () => {
    const meetings = await parsePages([
      [
        heading('Board of Education'),
        ...table(
          [
            ['Date', 'Time', 'Location'],
            ['Tuesday, Jan. 12, 2021', '6:00 - 8:00 p.m.', 'Room 204, 100 Main St., Springfield'],
            ['Tuesday, Feb. 9, 2021', '9 a.m.', 'Virtual (Zoom)'],
            ['Tuesday, Mar. 9th, 2021', 'Noon', ''],
          ],
          { x: [72, 230, 340], top: 660 },
        ),
      ],
    ]);
    expect(meetings.map((m) => [m.start, m.end])).to.deep.equal([
      ['2021-01-12T18:00:00', '2021-01-12T20:00:00'],
      ['2021-02-09T09:00:00', undefined],
      ['2021-03-09T12:00:00', undefined],
    ]);
    expect(meetings[0]?.location).to.deep.equal({ name: 'Room 204', address: '100 Main St., Springfield' });
    expect(meetings[1]?.location).to.deep.equal({ name: 'Virtual (Zoom)' });
    expect(meetings[2]?.location).to.be.undefined;
    expect(meetings[0]?.title).to.equal('Board of Education');
  });

  it('gives dates printed without a year the schedule year, rolling over at New Year', async () => {
    const meetings = await parsePages([
      [
        heading('2021 Parks Board Meeting Calendar'),
        ...table([['November 8'], ['December 13'], ['January 10'], ['February 14']], { x: [72], top: 660 }),
      ],
    ]);
    expect(meetings.map((m) => m.start.slice(0, 10))).to.deep.equal([
      '2021-11-08',
      '2021-12-13',
      '2022-01-10',
      '2022-02-14',
    ]);
  });

  it('marks a date-only meeting all-day with a note when no time is stated anywhere', async () => {
    const meetings = await parsePages([[...table([['1/11/2021'], ['2/8/2021']], { x: [100], top: 600 })]]);
    expect(meetings.map((m) => [m.start, m.allDay])).to.deep.equal([
      ['2021-01-11T00:00:00', true],
      ['2021-02-08T00:00:00', true],
    ]);
    expect(meetings[0]?.timeNotes).to.match(/confirm/i);
  });

  it('applies a footnote its marker points to, and cancellation sentences that name a date or month', async () => {
    const meetings = await parsePages([
      [
        heading('Zoning Board of Appeals'),
        ...table(
          [
            ['Meeting Dates'],
            ['March 8, 2021 *'],
            ['April 12, 2021'],
            ['May 10, 2021'],
            ['June 14, 2021'],
            ['July 12, 2021 **'],
          ],
          { x: [72], top: 660 },
        ),
        { x: 72, y: 520, text: '* This meeting has been cancelled due to the holiday.' },
        { x: 72, y: 505, text: '** Held at the Public Library.' },
        { x: 72, y: 480, text: 'The April 12 meeting is postponed. The May meeting is cancelled.' },
        { x: 72, y: 465, text: 'The June 14, 2021 meeting has been rescheduled to June 21, 2021.' },
        { x: 72, y: 450, text: 'All meetings start at 7:00 p.m. and may be cancelled for lack of a quorum.' },
      ],
    ]);
    expect(starts(meetings)).to.deep.equal([
      ['2021-03-08T19:00:00', 'cancelled'],
      ['2021-04-12T19:00:00', 'cancelled'],
      ['2021-05-10T19:00:00', 'cancelled'],
      ['2021-06-14T19:00:00', 'rescheduled'],
      ['2021-07-12T19:00:00', undefined],
    ]);
  });

  it('reads side-by-side tables and tables that run over pages', async () => {
    const left = table([['Meeting Date'], ['January 4, 2021'], ['February 1, 2021']], { x: [72], top: 660 });
    const right = table([['Meeting Date'], ['July 5, 2021'], ['August 2, 2021']], { x: [320], top: 660 });
    const page2 = table([['September 6, 2021'], ['October 4, 2021']], { x: [320], top: 700 });
    const meetings = await parsePages([[heading('Library Board'), ...left, ...right], page2], {
      options: { defaultTime: '17:30' },
    });
    expect(meetings.map((m) => m.start.slice(0, 10))).to.deep.equal([
      '2021-01-04',
      '2021-02-01',
      '2021-07-05',
      '2021-08-02',
      '2021-09-06',
      '2021-10-04',
    ]);
  });

  it('groups centred dates into one column', async () => {
    const centred = ['May 3, 2021', 'September 13, 2021', 'June 7, 2021'].map((text, i) => ({
      x: 300 - text.length * 2.6,
      y: 600 - i * 16,
      text,
    }));
    const meetings = await parsePages([[{ x: 260, y: 620, text: 'Meeting Date' }, ...centred]], {
      options: { defaultTime: '10:00' },
    });
    expect(meetings.map((m) => m.start.slice(0, 10))).to.deep.equal([
      '2021-05-03',
      '2021-06-07',
      '2021-09-13',
    ]);
  });

  it('reads a single-meeting notice whose date and time are only in a sentence', async () => {
    const meetings = await parsePages([
      [
        heading('NOTICE OF SPECIAL MEETING'),
        { x: 72, y: 690, text: 'Posted: April 28, 2020' },
        {
          x: 72,
          y: 660,
          text: 'The Board of Trustees will meet on Tuesday, May 5, 2020 at 6:30 p.m. by video.',
        },
      ],
    ]);
    expect(meetings).to.have.length(1);
    expect(meetings[0]).to.deep.include({
      start: '2020-05-05T18:30:00',
      allDay: false,
      links: [{ kind: 'other', title: 'Meeting notice', url: 'https://agency.example/schedule.pdf' }],
    });
    expect(meetings[0]?.statusHint).to.be.undefined;
  });

  it('ignores dates in sentences and lone dates beside a schedule table (letter date, notes)', async () => {
    const meetings = await parsePages([
      [
        { x: 72, y: 720, text: 'March 1, 2021' },
        { x: 72, y: 690, text: 'Dear residents, the Commission adopted this schedule on February 22, 2021.' },
        ...table(
          [
            ['Meeting Date', 'Time'],
            ['April 5, 2021', '1:30 p.m.'],
            ['May 3, 2021', '1:30 p.m.'],
          ],
          { x: [150, 300], top: 640 },
        ),
        { x: 72, y: 560, text: 'Note: a special session may be called for 6/14/2021.' },
      ],
    ]);
    expect(meetings.map((m) => m.start)).to.deep.equal(['2021-04-05T13:30:00', '2021-05-03T13:30:00']);
  });

  it('uses the catalog title, body and location when given', async () => {
    const meetings = await parsePages(
      [
        [
          heading('PLANNING COMMISSION'),
          ...table([['June 1, 2021'], ['July 6, 2021']], { x: [72], top: 660 }),
        ],
      ],
      {
        options: {
          title: 'Planning Commission Regular Meeting',
          body: 'Planning Commission',
          location: { name: 'City Hall', address: '1 Main St' },
          defaultTime: '18:00',
        },
      },
    );
    expect(meetings[0]).to.deep.include({
      title: 'Planning Commission Regular Meeting',
      body: 'Planning Commission',
      location: { name: 'City Hall', address: '1 Main St' },
      start: '2021-06-01T18:00:00',
      allDay: false,
    });
    expect(meetings[0]?.timeNotes).to.match(/default time/);
  });
});
