import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { EmError } from '@encoder-manager/sdk';
import { loadCatalog } from '../src/index.js';
import { resolveSources, groupSources } from '../src/catalog/resolve.js';
import { hostConfig } from './helpers/harness.js';

const source = {
  name: 'spr_council',
  city: 'Springfield',
  body: 'City Council',
  type: 'ical',
  url: 'https://springfield.example/council.ics',
  timeZone: 'America/Chicago',
};

function codeOf(work: () => unknown): { code: string; message: string; hint?: string } {
  try {
    work();
  } catch (error) {
    expect(error).to.be.instanceOf(EmError);
    const e = error as EmError;
    return { code: e.code, message: e.message, ...(e.hint ? { hint: e.hint } : {}) };
  }
  throw new Error('expected an EmError');
}

describe('meetings config and source catalog', () => {
  it('defaults an empty config as the host does', () => {
    expect(hostConfig({})).to.deep.equal({ catalog: [], sources: [], links: [], liveCheckSec: 30 });
    const link = hostConfig({ links: [{ body: 'City Council', stream: 'live/council' }] }).links![0];
    expect(link).to.deep.equal({
      body: 'City Council',
      stream: 'live/council',
      preRollMin: 10,
      postRollMin: 0,
    });
    expect(hostConfig({ sources: [source] }).sources![0]).to.include({
      priority: 1,
      merge: false,
      enabled: true,
    });
  });

  const bad: Array<[string, unknown, RegExp]> = [
    ['a source URL that is not http(s)', { sources: [{ ...source, url: 'ftp://x' }] }, /url/],
    ['an upper-case source name', { sources: [{ ...source, name: 'Council' }] }, /name/],
    ['a source without timeZone', { sources: [{ ...source, timeZone: undefined }] }, /timeZone/],
    ['priority 0', { sources: [{ ...source, priority: 0 }] }, /priority/],
    ['an unknown source field', { sources: [{ ...source, colour: 'red' }] }, /additional/],
    ['a link without stream', { links: [{ body: 'City Council' }] }, /stream/],
    ['a negative pre-roll', { links: [{ body: 'B', stream: 's', preRollMin: -1 }] }, /preRollMin/],
    ['a title similarity above 1', { scrape: { titleSimilarity: 1.5 } }, /titleSimilarity/],
  ];
  for (const [what, raw, pattern] of bad) {
    it(`rejects ${what}`, () => {
      expect(() => hostConfig(JSON.parse(JSON.stringify(raw)))).to.throw(pattern);
    });
  }

  it('ships a valid catalog mirroring the fixture cities, all disabled until named', () => {
    const catalog = loadCatalog();
    expect(catalog.map((s) => s.name)).to.include.members([
      'det_board_of_education',
      'akr_planning',
      'cle_city_council',
      'charnc_meck_boc_legistar',
      'tulok_citycouncil',
    ]);
    const entries = resolveSources(catalog, hostConfig({}), 360);
    expect(entries.filter((e) => e.enabled)).to.deep.equal([]);
    const enabled = resolveSources(catalog, hostConfig({ catalog: ['det_board_of_education'] }), 360);
    expect(enabled.filter((e) => e.enabled).map((e) => e.name)).to.deep.equal(['det_board_of_education']);
    expect(enabled.find((e) => e.name === 'det_board_of_education')).to.include({
      url: 'https://www.detroitk12.org/site/handlers/icalfeed.ashx?MIID=14864',
      origin: 'catalog',
      intervalMin: 360,
    });
  });

  it('groups a body’s sources primary first, fallbacks by priority', () => {
    const all = resolveSources(loadCatalog(), hostConfig({ catalog: ['*'] }), 360);
    const fulton = groupSources(all).find((g) => g.city === 'South Fulton')!;
    expect(fulton.sources.map((s) => [s.name, s.priority, s.type])).to.deep.equal([
      ['atl_south_fulton_city_council', 1, 'civicclerk'],
      ['atl_south_fulton_city_council_generic', 2, 'generic'],
    ]);
  });

  it('lets a station source replace the catalog entry of the same name', () => {
    const config = hostConfig({
      sources: [{ ...source, name: 'det_board_of_education', url: 'http://127.0.0.1:9/x.ics' }],
    });
    const entry = resolveSources(loadCatalog(), config, 60).find((e) => e.name === 'det_board_of_education')!;
    expect(entry).to.include({
      url: 'http://127.0.0.1:9/x.ics',
      origin: 'config',
      enabled: true,
      city: 'Springfield',
    });
  });

  it('names unknown catalog entries, bad zones and duplicate names, with a fix', () => {
    expect(
      codeOf(() => resolveSources(loadCatalog(), hostConfig({ catalog: ['nowhere'] }), 60)),
    ).to.deep.include({
      code: 'EM_CONFIG_INVALID',
      message: 'meetings config: catalog names unknown source(s) "nowhere"',
    });
    const zone = codeOf(() =>
      resolveSources([], hostConfig({ sources: [{ ...source, timeZone: 'Mars/Olympus' }] }), 60),
    );
    expect(zone.message).to.equal(
      'meetings config: source "spr_council": timeZone "Mars/Olympus" is not an IANA time zone',
    );
    expect(zone.hint).to.match(/America\/Chicago/);
    const twice = codeOf(() => resolveSources([], hostConfig({ sources: [source, source] }), 60));
    expect(twice.message).to.equal('meetings config: sources[1].name "spr_council" is used twice');
  });

  it('reports every problem of a broken catalog file with its path', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'em-meetings-catalog-'));
    const file = path.join(dir, 'sources.yaml');
    writeFileSync(file, 'sources:\n  - name: x\n    city: A\n    body: B\n    type: ical\n    url: nope\n');
    const problem = codeOf(() => loadCatalog(file));
    expect(problem.code).to.equal('EM_CONFIG_INVALID');
    expect(problem.message).to.contain(file).and.contain('/sources/0/url').and.contain('timeZone');
    writeFileSync(file, 'sources: [\n');
    expect(codeOf(() => loadCatalog(file)).code).to.equal('EM_CONFIG_PARSE');
  });
});
