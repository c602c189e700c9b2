/**
 * Acceptance: every PDF fixture under shared/fixtures/meetings is parsed with its frozen "now" and zone,
 * and the FULL list (local start, end, title, status; place where the truth records it) is compared item
 * by item with the list read from the fixture's expected.md at test time.
 */
import { readFileSync } from 'node:fs';
import { expect } from 'chai';
import type { ParsedMeeting } from '@encoder-manager/sdk';
import { compareMeetings, meetingFixtureUrl } from '@encoder-manager/sdk/testing';
import { createPdfScraper } from '../src/index.js';
import { expectedRows, proseTruth, readExpected } from './expected.js';

interface PdfFixture {
  readonly folder: string;
  readonly file: string;
  /** What the meeting-source catalog entry would pass as parser options. */
  readonly options: Readonly<Record<string, unknown>>;
}

// Titles are the catalog's names for the bodies (the ones City Scrapers uses); the 09:00 default is the time
// the Akron catalog entry assumes because that calendar prints none.
const FIXTURES: readonly PdfFixture[] = [
  {
    folder: 'city-scrapers-akr/akr_planning',
    file: 'akr_planning.pdf',
    options: { title: 'Planning Commission', defaultTime: '09:00' },
  },
  {
    folder: 'city-scrapers-akr/summ_planning',
    file: 'summ_planning.pdf',
    options: { title: 'Planning Commission' },
  },
  {
    folder: 'city-scrapers/cook_emergency_telephone',
    file: 'cook_emergency_telephone_schedule.pdf',
    options: { title: 'Cook County Emergency Telephone System Board' },
  },
  {
    folder: 'city-scrapers/il_sex_offender_management',
    file: 'il_sex_offender_management.pdf',
    options: { title: 'Management Board' },
  },
];

function printedLocation(meeting: ParsedMeeting): string {
  return [meeting.location?.name, meeting.location?.address].filter((p) => p !== undefined).join(', ');
}

describe('scraper-pdf fixtures (shared/fixtures/meetings)', () => {
  for (const fixture of FIXTURES) {
    describe(fixture.folder, () => {
      const doc = readExpected(fixture.folder);
      const rows = expectedRows(doc);
      let parsed: readonly ParsedMeeting[] = [];

      before(async () => {
        const url = meetingFixtureUrl(`${fixture.folder}/${fixture.file}`);
        parsed = await createPdfScraper().parse({
          source: fixture.folder.split('/')[1] ?? fixture.folder,
          url: `https://agency.example/${fixture.file}`,
          contentType: 'application/pdf',
          body: new Uint8Array(readFileSync(url)),
          timeZone: doc.timeZone,
          now: doc.now,
          options: fixture.options,
        });
      });

      it('expected.md states a list, consistent with any truth stated in prose', () => {
        expect(rows.length).to.be.greaterThan(0);
        const prose = proseTruth(doc);
        if (prose === undefined) return;
        expect(rows.map((r) => r['start'])).to.deep.equal(prose.map((p) => p.start));
        prose.forEach((p, i) => {
          if (p.end !== undefined) expect(rows[i]?.['end']).to.equal(p.end);
          if (p.status !== undefined) expect(rows[i]?.['status']).to.equal(p.status);
        });
      });

      it(`parses the full list item by item: start, end, title, status (${fixture.file})`, () => {
        const result = compareMeetings(parsed, rows, doc);
        expect(result.mismatches).to.deep.equal([]);
        expect(result.matched).to.equal(rows.length);
        expect(parsed).to.have.length(rows.length);
      });

      if (rows.some((r) => r['location'] !== undefined)) {
        it('gives each meeting the place the document prints for it', () => {
          expect(parsed.map(printedLocation)).to.deep.equal(
            rows.map((r) => (r['location'] ?? '').replace(/\*/g, '')),
          );
        });
      }

      it('returns local wall-clock times, the source URL and only hints the document states', () => {
        for (const m of parsed) {
          expect(m.start).to.match(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/);
          if (m.end !== undefined) expect(m.end > m.start).to.be.true;
          expect(m.sourceUrl).to.equal(`https://agency.example/${fixture.file}`);
          expect(m.allDay).to.be.false;
          expect([undefined, 'cancelled', 'rescheduled', 'confirmed']).to.include(m.statusHint);
        }
      });
    });
  }
});

describe('scraper-pdf fixtures without catalog options', () => {
  // The headings as printed (quoted in each expected.md); the parser names the body from the largest one.
  const cases: Array<[string, string, string]> = [
    ['city-scrapers-akr/akr_planning', 'akr_planning.pdf', 'Akron City Planning Commission'],
    ['city-scrapers-akr/summ_planning', 'summ_planning.pdf', 'Summit County Planning Commission'],
    [
      'city-scrapers/cook_emergency_telephone',
      'cook_emergency_telephone_schedule.pdf',
      'Emergency Telephone System Board',
    ],
    [
      'city-scrapers/il_sex_offender_management',
      'il_sex_offender_management.pdf',
      'Sex Offender Management Board',
    ],
  ];
  for (const [folder, file, title] of cases) {
    it(`${folder}: names the body from the heading, and marks date-only meetings all-day`, async () => {
      const doc = readExpected(folder);
      const meetings = await createPdfScraper().parse({
        source: folder.split('/')[1] ?? folder,
        url: `https://agency.example/${file}`,
        contentType: 'application/pdf',
        body: new Uint8Array(readFileSync(meetingFixtureUrl(`${folder}/${file}`))),
        timeZone: doc.timeZone,
        now: doc.now,
      });
      expect(new Set(meetings.map((m) => m.title))).to.deep.equal(new Set([title]));
      // Only the Akron calendar prints no time at all: without a default time its meetings are date-only.
      const dateOnly = folder.endsWith('akr_planning');
      for (const m of meetings) {
        expect(m.allDay, m.start).to.equal(dateOnly);
        if (dateOnly) expect(m.start.endsWith('T00:00:00')).to.be.true;
      }
    });
  }

  it('summ_planning: takes the place from the "Meeting Location:" prose, wrapped over two lines', async () => {
    const folder = 'city-scrapers-akr/summ_planning';
    const doc = readExpected(folder);
    const meetings = await createPdfScraper().parse({
      source: 'summ_planning',
      url: 'https://agency.example/summ_planning.pdf',
      contentType: 'application/pdf',
      body: new Uint8Array(readFileSync(meetingFixtureUrl(`${folder}/summ_planning.pdf`))),
      timeZone: doc.timeZone,
      now: doc.now,
    });
    // expected.md: "Summit County Council Chambers, 7th Floor of the Ohio Building, 175 S. Main Street, Akron, Ohio 44308"
    expect(meetings[0]?.location).to.deep.equal({
      name: 'Summit County Council Chambers, 7th Floor of the Ohio Building',
      address: '175 S. Main Street, Akron, Ohio 44308',
    });
  });
});
