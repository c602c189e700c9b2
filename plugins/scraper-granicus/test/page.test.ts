import { expect } from 'chai';
import { parseGranicus, parseGranicusDate } from '../src/index.js';
import { docInput } from './helpers.js';

describe('scraper-granicus page parsing', () => {
  const dates: ReadonlyArray<[string, unknown]> = [
    ['October 12, 2016 - 5:00 PM', { date: '2016-10-12', time: '17:00:00' }],
    ['June  5, 2016 - 11:00 AM', { date: '2016-06-05', time: '11:00:00' }],
    ['Sept 3, 2024 @ 9:30 a.m.', { date: '2024-09-03', time: '09:30:00' }],
    ['Jan 14, 2026', { date: '2026-01-14', time: undefined }],
    ['In Progress', undefined],
    ['Smarch 1, 2024', undefined],
  ];
  for (const [text, want] of dates) {
    it(`reads the date cell "${text}"`, () => {
      expect(parseGranicusDate(text)).to.deep.equal(want);
    });
  }

  it('finds columns by header, reads minutes, cancellations, and date-only rows with defaultTime', () => {
    const page = `<html><body><table class="listingTable">
      <tr><th>Date</th><th>Name</th><th>Minutes</th><th>Agenda</th></tr>
      <tr class="listingRow"><td>March 3, 2024</td><td>Planning Board - CANCELLED</td>
        <td><a href="/MinutesViewer.php?view_id=2&amp;clip_id=9">Minutes</a></td><td></td></tr>
      <tr class="listingRow"><td>March 17, 2024 - 6:30 PM</td><td>Planning Board</td><td></td>
        <td><a href="https://x.granicus.com/AgendaViewer.php?view_id=2&amp;event_id=4">Agenda</a></td></tr>
    </table></body></html>`;
    const meetings = parseGranicus(
      docInput(page, {
        url: 'https://x.granicus.com/ViewPublisher.php?view_id=2',
        options: { defaultTime: '7:00 PM' },
      }),
    );
    expect(
      meetings.map((m) => [m.start, m.title, m.statusHint, m.links.map((l) => l.url), m.timeNotes]),
    ).to.deep.equal([
      [
        '2024-03-03T19:00:00',
        'Planning Board',
        'cancelled',
        ['https://x.granicus.com/MinutesViewer.php?view_id=2&clip_id=9'],
        'No time published; confirm details with agency',
      ],
      [
        '2024-03-17T18:30:00',
        'Planning Board',
        undefined,
        ['https://x.granicus.com/AgendaViewer.php?view_id=2&event_id=4'],
        undefined,
      ],
    ]);
  });
});
