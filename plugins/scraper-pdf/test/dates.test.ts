import { expect } from 'chai';
import { findDates, findTimes } from '../src/index.js';

const ymd = (text: string) => findDates(text).map((d) => [d.year, d.month, d.day]);
const hm = (text: string) =>
  findTimes(text).map((t) => [
    `${t.start.hour}:${String(t.start.minute).padStart(2, '0')}`,
    t.end === undefined ? undefined : `${t.end.hour}:${String(t.end.minute).padStart(2, '0')}`,
  ]);

describe('scraper-pdf dates and times', () => {
  it('finds dates in the spellings schedules use', () => {
    expect(ymd('JANUARY 18, 2019')).to.deep.equal([[2019, 1, 18]]);
    expect(ymd('Friday, March 27, 2020')).to.deep.equal([[2020, 3, 27]]);
    expect(ymd('Thurs. Sept. 5th')).to.deep.equal([[undefined, 9, 5]]);
    expect(ymd('Dec 1,2021')).to.deep.equal([[2021, 12, 1]]);
    expect(ymd('tentatively scheduled for 1/23/2020')).to.deep.equal([[2020, 1, 23]]);
    expect(ymd('03-09-21 and 2021-04-13')).to.deep.equal([
      [2021, 3, 9],
      [2021, 4, 13],
    ]);
  });

  it('skips impossible dates and numbers that only look like dates', () => {
    expect(ymd('February 30, 2021')).to.deep.equal([]);
    expect(ymd('February 29, 2021')).to.deep.equal([]);
    expect(ymd('February 29, 2020')).to.deep.equal([[2020, 2, 29]]);
    expect(ymd('call 9-1-1 or (847) 294-4746; the dates may vary')).to.deep.equal([]);
  });

  it('finds times with a.m./p.m., noon and ranges, never bare numbers', () => {
    expect(hm('10:30 a.m.')).to.deep.equal([['10:30', undefined]]);
    expect(hm('at 3:00 p.m.')).to.deep.equal([['15:00', undefined]]);
    expect(hm('10:30am-12:30pm')).to.deep.equal([['10:30', '12:30']]);
    expect(hm('6 to 8 PM')).to.deep.equal([['18:00', '20:00']]);
    expect(hm('9:30 – 11:00 a.m.')).to.deep.equal([['9:30', '11:00']]);
    expect(hm('11:30 - 1:00 p.m.')).to.deep.equal([['11:30', '13:00']]);
    expect(hm('Noon')).to.deep.equal([['12:00', undefined]]);
    expect(hm('12 a.m.')).to.deep.equal([['0:00', undefined]]);
    expect(hm('Room 10:30, 9-1-1, 2019, 1311 S. Maybrook')).to.deep.equal([]);
  });
});
