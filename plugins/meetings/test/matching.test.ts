import { expect } from 'chai';
import type { ParsedMeeting } from '@encoder-manager/sdk';
import { createMemoryLogger } from '@encoder-manager/sdk/testing';
import { reconcile } from '../src/changes/reconcile.js';
import { meetingId, titleSlug } from '../src/ids.js';
import { mergeSources } from '../src/merge/merge.js';
import { titleSimilarity } from '../src/merge/similarity.js';
import type { SourceEntry, TrackedMeeting } from '../src/model.js';
import { normalizeItems } from '../src/scrape/normalize.js';

const NOW = Date.UTC(2026, 3, 9, 12);
const RULES = { matchWindowMs: 30 * 60_000, titleSimilarity: 0.6 };

function source(name: string, priority = 1): SourceEntry {
  return {
    name,
    city: 'Mecklenburg County',
    body: 'Board of County Commissioners',
    type: 'test',
    url: `https://example.gov/${name}`,
    timeZone: 'America/New_York',
    priority,
    merge: priority > 1,
    intervalMin: 60,
    enabled: true,
    options: {},
    origin: 'catalog',
  };
}

function parsed(title: string, start: string, extra: Partial<ParsedMeeting> = {}): ParsedMeeting {
  return { title, start, allDay: false, links: [], sourceUrl: 'https://example.gov/', ...extra };
}

function meetings(from: SourceEntry, ...items: ParsedMeeting[]): TrackedMeeting[] {
  return normalizeItems(from, items, NOW, createMemoryLogger([]));
}

describe('meeting ids, matching and merging', () => {
  it('builds City Scrapers ids from the local start, source id and title slug', () => {
    expect(titleSlug('DPSCD Regular Board Meeting (Open)')).to.equal('dpscd_regular_board_meeting_open');
    expect(
      meetingId('det_board_of_education', '2019-04-16T17:30:00', undefined, 'DPSCD Regular Board Meeting'),
    ).to.equal('det_board_of_education/201904161730/x/dpscd_regular_board_meeting');
    expect(meetingId('leg', '2026-04-07T17:00:00', 'a/b', 'Board of Commissioners')).to.equal(
      'leg/202604071700/a_b/board_of_commissioners',
    );
  });

  it('converts local times in the source zone across DST and derives the status', () => {
    const [winter, summer, cancelled] = meetings(
      source('s'),
      parsed('A', '2025-01-14T14:30:00', { end: '2025-01-14T16:00:00' }),
      parsed('B', '2026-04-21T18:00:00'),
      parsed('C', '2026-07-21T15:30:00', { statusHint: 'cancelled' }),
    );
    expect(winter).to.include({
      startsAt: '2025-01-14T14:30:00-05:00',
      endsAt: '2025-01-14T16:00:00-05:00',
      status: 'passed',
    });
    expect(summer).to.include({
      startsAt: '2026-04-21T18:00:00-04:00',
      status: 'tentative',
      body: 'Board of County Commissioners',
    });
    expect(cancelled!.status).to.equal('cancelled');
  });

  it('skips unusable items with a warning, drops an end before the start, merges duplicate rows', () => {
    const logs: Parameters<typeof createMemoryLogger>[0] = [];
    const result = normalizeItems(
      source('s'),
      [
        parsed('', '2026-04-21T18:00:00'),
        parsed('Council', '2026-02-30T18:00:00'),
        parsed('Council', '2026-04-21 6pm'),
        parsed('Council', '2026-04-21T18:00:00', {
          end: '2026-04-21T17:00:00',
          links: [{ kind: 'agenda', title: 'A', url: 'u1' }],
        }),
        parsed('Council', '2026-04-21T18:00:00', { links: [{ kind: 'video', title: 'V', url: 'u2' }] }),
      ],
      NOW,
      createMemoryLogger(logs),
    );
    expect(result).to.have.length(1);
    expect(result[0]!.end).to.equal(undefined);
    expect(result[0]!.links.map((l) => l.url)).to.deep.equal(['u1', 'u2']);
    expect(logs.filter((l) => l.level === 'warn')).to.have.length(3);
  });

  it('scores titles of the same meeting as similar and different bodies as not', () => {
    expect(
      titleSimilarity('Board of Commissioners', 'Mecklenburg Board of County Commissioners Regular Meeting'),
    ).to.equal(1);
    expect(titleSimilarity('City Council Regular Meeting', 'City Council Regular Meting')).to.be.above(0.9);
    expect(titleSimilarity('Planning Commission', 'Waste Management Advisory Board')).to.be.below(0.5);
  });

  it('merges the same meeting from two sources: primary fields, blanks filled, links united', () => {
    const legistar = meetings(
      source('leg'),
      parsed('Board of Commissioners', '2026-04-21T18:00:00', {
        links: [{ kind: 'agenda', title: 'Agenda', url: 'a.pdf' }],
      }),
    );
    const calendar = meetings(
      source('cal', 2),
      parsed('Mecklenburg Board of County Commissioners Regular Meeting', '2026-04-21T18:00:00', {
        end: '2026-04-21T20:00:00',
        location: { name: 'Meeting Chamber' },
        links: [{ kind: 'video', title: 'Video', url: 'v' }],
      }),
      parsed('Waste Management Advisory Board', '2026-04-21T18:10:00', { statusHint: 'cancelled' }),
    );
    const [board, waste] = mergeSources([legistar, calendar], RULES);
    expect(board).to.deep.include({
      id: 'leg/202604211800/x/board_of_commissioners',
      title: 'Board of Commissioners',
      end: '2026-04-21T20:00:00',
      location: { name: 'Meeting Chamber' },
      seenBy: ['leg', 'cal'],
    });
    expect(board!.links.map((l) => l.url)).to.deep.equal(['a.pdf', 'v']);
    expect(waste).to.include({
      id: 'cal/202604211810/x/waste_management_advisory_board',
      status: 'cancelled',
    });
  });

  it('does not merge meetings further apart than the window', () => {
    const a = meetings(source('a'), parsed('City Council', '2026-04-21T18:00:00'));
    const b = meetings(source('b', 2), parsed('City Council', '2026-04-21T18:31:00'));
    expect(mergeSources([a, b], RULES)).to.have.length(2);
  });

  it('matches a stored meeting by its source id even after a move beyond the fuzzy window', () => {
    const [before] = meetings(
      source('leg'),
      parsed('Budget Workshop', '2026-04-21T10:00:00', { sourceId: '1895' }),
    );
    const [after] = meetings(
      source('leg'),
      parsed('Budget Workshop', '2026-04-23T14:00:00', { sourceId: '1895' }),
    );
    const context = {
      ...RULES,
      now: NOW,
      answered: new Set(['leg']),
      missesToCancel: 2,
      defaultDurationMs: 7_200_000,
    };
    const result = reconcile([before!], [after!], context);
    expect(result.changes.map((c) => [c.change, c.meeting.id, c.meeting.start])).to.deep.equal([
      ['moved', 'leg/202604211000/1895/budget_workshop', '2026-04-23T14:00:00'],
    ]);
  });

  it('counts a meeting missing only when a source that listed it answered', () => {
    const [stored] = meetings(source('leg'), parsed('Budget Workshop', '2026-04-21T10:00:00'));
    const context = { ...RULES, now: NOW, missesToCancel: 1, defaultDurationMs: 7_200_000 };
    expect(reconcile([stored!], [], { ...context, answered: new Set(['pdf-fallback']) }).save).to.deep.equal(
      [],
    );
    const result = reconcile([stored!], [], { ...context, answered: new Set(['leg']) });
    expect(result.changes.map((c) => [c.change, c.meeting.status])).to.deep.equal([
      ['cancelled', 'cancelled'],
    ]);
  });
});
