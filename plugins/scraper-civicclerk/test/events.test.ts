import { expect } from 'chai';
import { parseCivicClerk } from '../src/index.js';
import { docInput } from './helpers.js';

const event = (fields: Record<string, unknown>): Record<string, unknown> => ({
  id: 10,
  eventName: 'City Council Regular Meeting',
  startDateTime: '2024-03-05T19:00:00Z',
  meetingEndTime: '1900-01-01T00:00:00Z',
  durationHrs: 0,
  durationMin: 0,
  categoryName: 'City Council',
  isDeleted: false,
  publishedFiles: [],
  eventLocation: { address1: '1 Main St', address2: null, city: 'Town', state: 'GA', zipCode: '30000' },
  ...fields,
});
const parse = (events: unknown[]) => parseCivicClerk(docInput(JSON.stringify({ value: events })));

describe('scraper-civicclerk events', () => {
  it('takes an end from meetingEndTime, else from the duration, never from the 1900 sentinel', () => {
    const meetings = parse([
      event({ meetingEndTime: '2024-03-05T21:15:00Z' }),
      event({ durationHrs: 1, durationMin: 30 }),
      event({}),
    ]);
    expect(meetings.map((m) => m.end)).to.deep.equal([
      '2024-03-05T21:15:00',
      '2024-03-05T20:30:00',
      undefined,
    ]);
  });

  it('skips deleted events and events dated 1900-01-01', () => {
    const meetings = parse([
      event({ id: 1, isDeleted: true }),
      event({ id: 2, startDateTime: '1900-01-01T00:00:00Z' }),
      event({ id: 3 }),
    ]);
    expect(meetings.map((m) => m.sourceId)).to.deep.equal(['3']);
  });

  it('reads a cancellation in the event name, and confirms events with a published agenda', () => {
    const meetings = parse([
      event({ eventName: 'CANCELLED - City Council Work Session' }),
      event({ publishedFiles: [{ fileId: 5, type: 'Agenda' }] }),
      event({}),
    ]);
    expect(meetings.map((m) => [m.title, m.statusHint])).to.deep.equal([
      ['City Council Work Session', 'cancelled'],
      ['City Council Regular Meeting', 'confirmed'],
      ['City Council Regular Meeting', undefined],
    ]);
  });

  it('uses portalUrl when the API host is not *.api.civicclerk.com', () => {
    const [meeting] = parseCivicClerk(
      docInput(JSON.stringify({ value: [event({})] }), {
        url: 'https://proxy.example.org/v1/Events',
        options: { portalUrl: 'https://town.portal.civicclerk.com/' },
      }),
    );
    expect(meeting?.sourceUrl).to.equal('https://town.portal.civicclerk.com/event/10');
  });
});
