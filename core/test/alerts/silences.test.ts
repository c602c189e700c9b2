import { expect } from 'chai';
import type { Silence } from '@encoder-manager/sdk';
import { silenceActive } from '../../src/alerts/silences.js';

/** Council rehearsal every evening 18:00–22:00 Chicago time, across the March 2026 DST change. */
const rehearsal: Silence = {
  id: 's1',
  matchers: [{ name: 'site', op: '=', value: 'studio' }],
  comment: 'rehearsal',
  createdBy: 'test',
  schedule: { cron: '0 18 * * *', durationMin: 240, timeZone: 'America/Chicago' },
};

const at = (iso: string) => Date.parse(iso);

describe('scheduled silences across a DST change (America/Chicago, 2026-03-08)', () => {
  const cases: [string, string, boolean][] = [
    ['Sat 18:30 CST, before the change', '2026-03-08T00:30:00Z', true],
    ['Sat 17:59 CST', '2026-03-07T23:59:00Z', false],
    ['Sun 18:00 CDT, the first window after the change', '2026-03-08T23:00:00Z', true],
    ['Sun 17:30 CDT (would be 18:30 in CST: must NOT be silenced)', '2026-03-08T22:30:00Z', false],
    ['Sun 21:59 CDT', '2026-03-09T02:59:00Z', true],
    ['Sun 22:00 CDT, window over', '2026-03-09T03:00:00Z', false],
    ['Nov 1 (DST ends) 18:30 CST', '2026-11-02T00:30:00Z', true],
    ['Nov 1 17:30 CST', '2026-11-01T23:30:00Z', false],
  ];
  for (const [label, iso, expected] of cases) {
    it(`${expected ? 'mutes' : 'does not mute'} at ${label}`, () => {
      expect(silenceActive(rehearsal, at(iso))).to.equal(expected);
    });
  }

  it('honours one-off windows to the millisecond', () => {
    const once: Silence = { ...rehearsal, schedule: undefined, startsAt: 1000, endsAt: 2000 };
    expect([999, 1000, 1999, 2000].map((t) => silenceActive(once, t))).to.deep.equal([
      false,
      true,
      true,
      false,
    ]);
  });
});
