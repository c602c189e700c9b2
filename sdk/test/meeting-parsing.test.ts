import { expect } from 'chai';
import {
  cleanMeetingTitle,
  isPagedScraper,
  mergePages,
  parseClockTime,
  statusHintFromText,
  type ParsedMeeting,
  type Scraper,
} from '../src/index.js';

describe('meeting parsing helpers', () => {
  const hints: ReadonlyArray<[Array<string | undefined>, string | undefined]> = [
    [['CANCELLED: Planning Commission'], 'cancelled'],
    [['Council', 'Meeting canceled due to weather'], 'cancelled'],
    [['WILL NOT BE HELD: Waste Management Advisory Board'], 'cancelled'],
    [['Budget hearing', 'Postponed until further notice'], 'cancelled'],
    [['Board meeting', undefined, 'Rescheduled to May 3'], 'rescheduled'],
    [['Regular Meeting', 'Council Chambers'], undefined],
  ];
  for (const [texts, want] of hints) {
    it(`statusHintFromText(${JSON.stringify(texts)}) is ${String(want)}`, () => {
      expect(statusHintFromText(...texts)).to.equal(want);
    });
  }

  const titles: ReadonlyArray<[string, string]> = [
    ['CANCELLED: Planning Commission', 'Planning Commission'],
    ['WILL NOT BE HELD: Waste Management Advisory Board', 'Waste Management Advisory Board'],
    ['City Council - Cancelled', 'City Council'],
    ['Zoning Board (Postponed)', 'Zoning Board'],
    ['  Board\u00a0of   Commissioners  |', 'Board of Commissioners'],
    ['Cancellation Policy Review Committee', 'Cancellation Policy Review Committee'],
  ];
  for (const [raw, want] of titles) {
    it(`cleanMeetingTitle("${raw}") is "${want}"`, () => {
      expect(cleanMeetingTitle(raw)).to.equal(want);
    });
  }

  const clocks: ReadonlyArray<[string, string | undefined]> = [
    ['6:00 PM', '18:00:00'],
    ['12:00 PM', '12:00:00'],
    ['12:30 AM', '00:30:00'],
    ['6 p.m.', '18:00:00'],
    ['10:30am', '10:30:00'],
    ['18:45', '18:45:00'],
    ['noon', '12:00:00'],
    ['6', undefined],
    ['13:00 PM', undefined],
    ['TBD', undefined],
  ];
  for (const [text, want] of clocks) {
    it(`parseClockTime("${text}") is ${String(want)}`, () => {
      expect(parseClockTime(text)).to.equal(want);
    });
  }

  it('isPagedScraper tells paged scrapers apart', () => {
    const plain: Scraper = { name: 'a', sourceTypes: ['a'], parse: async () => [] };
    const paged = { ...plain, paging: { firstPageUrl: (url: string) => url, nextPageUrl: () => undefined } };
    expect([isPagedScraper(plain), isPagedScraper(paged)]).to.deep.equal([false, true]);
  });

  it('mergePages drops repeats of a sourceId across overlapping pages', () => {
    const meeting = (sourceId?: string): ParsedMeeting => ({
      title: 'x',
      start: '2024-01-01T00:00:00',
      allDay: false,
      links: [],
      sourceUrl: 'u',
      ...(sourceId ? { sourceId } : {}),
    });
    const merged = mergePages([
      [meeting('1'), meeting('2')],
      [meeting('2'), meeting(), meeting()],
    ]);
    expect(merged.map((m) => m.sourceId)).to.deep.equal(['1', '2', undefined, undefined]);
  });
});
