import { expect } from 'chai';
import { createMemoryLogger, type LogRecord } from '@encoder-manager/sdk/testing';
import { parseLegistarApi } from '../src/index.js';
import { docInput } from './helpers.js';

const event = (fields: Record<string, unknown>): Record<string, unknown> => ({
  EventId: 1,
  EventBodyName: 'City Council',
  EventDate: '2024-03-05T00:00:00',
  EventTime: '6:00 PM',
  EventLocation: 'Council Chambers',
  EventAgendaStatusName: 'Final',
  EventMinutesStatusName: 'Draft',
  EventAgendaFile: null,
  EventMinutesFile: null,
  EventVideoPath: null,
  EventComment: null,
  EventInSiteURL: 'https://example.legistar.com/MeetingDetail.aspx?ID=1',
  ...fields,
});
const parse = (events: unknown[], options?: Record<string, unknown>) =>
  parseLegistarApi(docInput(JSON.stringify(events), options ? { options } : {}));

describe('scraper-legistar legistar-api events', () => {
  const times: ReadonlyArray<[string, string]> = [
    ['6:00 PM', '18:00:00'],
    ['9:30 AM', '09:30:00'],
    ['12:00 PM', '12:00:00'],
    ['12:15 AM', '00:15:00'],
    ['6 PM', '18:00:00'],
    ['5:30 p.m.', '17:30:00'],
    ['10:00am', '10:00:00'],
  ];
  for (const [text, clock] of times) {
    it(`reads EventTime "${text}" as ${clock} on the EventDate`, () => {
      expect(parse([event({ EventTime: text })])[0]?.start).to.equal(`2024-03-05T${clock}`);
    });
  }

  it('skips events without a usable time and logs their ids, unless defaultTime is set', () => {
    const logs: LogRecord[] = [];
    const rows = [
      event({ EventId: 7, EventTime: '' }),
      event({ EventId: 8, EventTime: 'TBD' }),
      event({ EventId: 9 }),
    ];
    const meetings = parseLegistarApi(docInput(JSON.stringify(rows)), createMemoryLogger(logs));
    expect(meetings.map((m) => m.sourceId)).to.deep.equal(['9']);
    expect(logs.find((r) => r.level === 'warn')?.fields).to.deep.include({ eventIds: ['7', '8'] });
    const withDefault = parse(rows, { defaultTime: '9:00 AM' });
    expect(withDefault.map((m) => m.start)).to.deep.equal([
      '2024-03-05T09:00:00',
      '2024-03-05T09:00:00',
      '2024-03-05T18:00:00',
    ]);
    expect(withDefault[1]?.timeNotes).to.match(/No time published \(EventTime "TBD"\)/);
  });

  it('maps links, location, body, source URL and id', () => {
    const [meeting] = parse([
      event({
        EventAgendaFile: 'https://example.legistar.com/View.ashx?M=A&ID=1',
        EventMinutesFile: 'https://example.legistar.com/View.ashx?M=M&ID=1',
        EventVideoPath: 'https://example.granicus.com/MediaPlayer.php?clip_id=5',
      }),
    ]);
    expect(meeting).to.deep.equal({
      title: 'City Council',
      body: 'City Council',
      start: '2024-03-05T18:00:00',
      allDay: false,
      location: { name: 'Council Chambers' },
      statusHint: 'confirmed',
      links: [
        { kind: 'agenda', title: 'Agenda', url: 'https://example.legistar.com/View.ashx?M=A&ID=1' },
        { kind: 'minutes', title: 'Minutes', url: 'https://example.legistar.com/View.ashx?M=M&ID=1' },
        { kind: 'video', title: 'Video', url: 'https://example.granicus.com/MediaPlayer.php?clip_id=5' },
      ],
      sourceUrl: 'https://example.legistar.com/MeetingDetail.aspx?ID=1',
      sourceId: '1',
    });
  });

  it('confirms only meetings with a published, non-draft agenda', () => {
    const agenda = 'https://example.legistar.com/View.ashx?M=A&ID=1';
    const hints = parse([
      event({ EventAgendaFile: agenda }),
      event({ EventAgendaFile: agenda, EventAgendaStatusName: 'Draft' }),
      event({}),
    ]).map((m) => m.statusHint);
    expect(hints).to.deep.equal(['confirmed', undefined, undefined]);
  });

  const notices: ReadonlyArray<[string, Record<string, unknown>, string]> = [
    ['the agenda status', { EventAgendaStatusName: 'Cancelled' }, 'cancelled'],
    ['the comment', { EventComment: 'MEETING POSTPONED' }, 'cancelled'],
    ['the location', { EventLocation: 'Council Chambers - CANCELED' }, 'cancelled'],
    ['the body name', { EventBodyName: 'WILL NOT BE HELD: Budget Committee' }, 'cancelled'],
    ['the comment (rescheduled)', { EventComment: 'Rescheduled to March 12' }, 'rescheduled'],
  ];
  for (const [where, fields, hint] of notices) {
    it(`reads a ${hint} notice in ${where}`, () => {
      expect(parse([event(fields)])[0]?.statusHint).to.equal(hint);
    });
  }

  it('removes the notice from the title', () => {
    expect(parse([event({ EventBodyName: 'WILL NOT BE HELD: Budget Committee' })])[0]?.title).to.equal(
      'Budget Committee',
    );
  });
});
