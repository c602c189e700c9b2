import { expect } from 'chai';
import { parseGeneric } from '../src/index.js';
import { docInput } from './helpers.js';

describe('scraper-generic JSON mapping', () => {
  const agency = {
    meetings: [
      {
        name: 'Board of Education',
        day: '03/12/2024',
        at: '6:30 PM',
        until: '8:00 PM',
        room: 'Room 1',
        docs: { agenda: '/a/1.pdf' },
      },
      { name: 'Board of Education - CANCELLED', day: '03/26/2024', at: '6:30 PM', room: 'Room 1' },
      { name: 'Finance Committee', day: '04/02/2024', room: 'Room 2', note: 'Meeting postponed' },
      { name: 'Board of Education', day: '03/12/2024', at: '6:30 PM', room: 'Room 1' },
    ],
  };
  const options = {
    items: '$.meetings[*]',
    dateFormat: 'MM/dd/yyyy',
    defaultTime: '9:00 AM',
    fields: {
      title: 'name',
      date: 'day',
      time: 'at',
      endTime: 'until',
      locationName: 'room',
      notes: ['note'],
      links: [{ kind: 'agenda', title: 'Agenda', url: 'docs.agenda' }],
    },
  };

  it('maps separate date/time fields, notices, links; drops repeats; defaultTime with a note', () => {
    const meetings = parseGeneric(
      docInput(JSON.stringify(agency), { url: 'https://schools.example.org/api/meetings', options }),
    );
    expect(meetings).to.deep.equal([
      {
        title: 'Board of Education',
        start: '2024-03-12T18:30:00',
        end: '2024-03-12T20:00:00',
        allDay: false,
        location: { name: 'Room 1' },
        links: [{ kind: 'agenda', title: 'Agenda', url: 'https://schools.example.org/a/1.pdf' }],
        sourceUrl: 'https://schools.example.org/api/meetings',
      },
      {
        title: 'Board of Education',
        start: '2024-03-26T18:30:00',
        allDay: false,
        location: { name: 'Room 1' },
        statusHint: 'cancelled',
        links: [],
        sourceUrl: 'https://schools.example.org/api/meetings',
      },
      {
        title: 'Finance Committee',
        start: '2024-04-02T09:00:00',
        allDay: false,
        location: { name: 'Room 2' },
        statusHint: 'cancelled',
        links: [],
        timeNotes: 'No time published; confirm details with agency',
        sourceUrl: 'https://schools.example.org/api/meetings',
      },
    ]);
  });

  it('reads a top-level array by default, with a luxon start format and instant times', () => {
    const body = JSON.stringify([{ t: 'Council', when: '2024-07-04 23:00 +0000' }]);
    const [meeting] = parseGeneric(
      docInput(body, {
        timeZone: 'America/Denver',
        options: {
          times: 'instant',
          startFormat: 'yyyy-MM-dd HH:mm ZZZ',
          fields: { title: 't', start: 'when' },
        },
      }),
    );
    expect(meeting?.start).to.equal('2024-07-04T17:00:00');
  });

  it('an empty calendar is no meetings', () => {
    expect(parseGeneric(docInput('{"meetings": []}', { options }))).to.deep.equal([]);
  });

  it('include keeps only matching items', () => {
    const meetings = parseGeneric(
      docInput(JSON.stringify(agency), { options: { ...options, include: { title: 'committee' } } }),
    );
    expect(meetings.map((m) => m.title)).to.deep.equal(['Finance Committee']);
  });
});

describe('scraper-generic HTML mapping', () => {
  const page = `<!doctype html><html><body>
    <ul class="events">
      <li class="event" data-id="e1"><h3>Town Council</h3><time datetime="2024-05-06T19:00:00-04:00">May 6</time>
        <span class="where">Town Hall</span><a class="agenda" href="/docs/agenda-0506.pdf">Agenda</a></li>
      <li class="event" data-id="e2"><h3>Zoning Board</h3><time datetime="2024-05-09T18:30:00-04:00">May 9</time>
        <span class="where">Annex</span></li>
    </ul>
    <table id="past"><tr class="row"><td class="d">April 1, 2024</td><td class="n">Town Council</td><td class="t">7:00 PM</td></tr></table>
  </body></html>`;

  it('maps list items with selectors and @attributes (absolute links)', () => {
    const meetings = parseGeneric(
      docInput(page, {
        url: 'https://town.example.org/calendar',
        contentType: 'text/html',
        options: {
          rows: 'li.event',
          times: 'instant',
          fields: {
            title: 'h3',
            start: 'time@datetime',
            id: '.@data-id',
            locationName: '.where',
            links: [{ kind: 'agenda', title: 'Agenda', url: 'a.agenda@href' }],
          },
        },
      }),
    );
    expect(
      meetings.map((m) => [m.title, m.start, m.sourceId, m.location?.name, m.links.map((l) => l.url)]),
    ).to.deep.equal([
      [
        'Town Council',
        '2024-05-06T19:00:00',
        'e1',
        'Town Hall',
        ['https://town.example.org/docs/agenda-0506.pdf'],
      ],
      ['Zoning Board', '2024-05-09T18:30:00', 'e2', 'Annex', []],
    ]);
  });

  it('maps table rows with a date format and a free-text time', () => {
    const [meeting] = parseGeneric(
      docInput(page, {
        contentType: 'text/html',
        options: {
          rows: '#past tr.row',
          dateFormat: 'MMMM d, yyyy',
          fields: { title: 'td.n', date: 'td.d', time: 'td.t' },
        },
      }),
    );
    expect(meeting).to.deep.include({ title: 'Town Council', start: '2024-04-01T19:00:00' });
  });
});
