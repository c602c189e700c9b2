import { expect } from 'chai';
import { startCityServer, jsonDocument, type CityServer } from './helpers/city-server.js';
import { settle, startMeetings, type Harness } from './helpers/harness.js';
import { COUNCIL, FINANCE, MARCH, NOW, springfieldConfig } from './helpers/springfield.js';
import { openMeetingsStore, testBackends, type MeetingsStore } from './helpers/store.js';

for (const backend of testBackends()) {
  describe(`meetings fallback and garbled documents (${backend.name})`, function () {
    let db: MeetingsStore;
    let server: CityServer;
    let h: Harness | undefined;

    before(async () => {
      db = await openMeetingsStore(backend);
    });
    after(() => db.close());
    beforeEach(async () => {
      await db.clear();
      server = await startCityServer();
    });
    afterEach(async () => {
      await h?.stop();
      h = undefined;
      await server.close();
    });

    const scrape = async () => settle(h!.service.scrapeNow(), h!.clock);

    it('falls back to the secondary source when the primary answers HTTP 500 (after retrying)', async () => {
      server.set('/primary.json', { kind: 'status', status: 500 });
      server.set('/backup.json', jsonDocument({ meetings: [COUNCIL, FINANCE, MARCH] }));
      h = await startMeetings(db.store, springfieldConfig(server), { now: NOW });

      const [report] = await scrape();

      expect(report).to.include({ city: 'Springfield', body: 'City Council', ok: true });
      const [primary, backup] = report!.runs;
      expect(primary).to.include({
        source: 'spr_council',
        httpStatus: 500,
        attempts: 2,
        errorCode: 'EM_SCRAPE_FETCH',
        itemsFound: 0,
      });
      expect(primary!.errorMessage).to.match(
        /^spr_council: HTTP 500 .* from http:\/\/127\.0\.0\.1:\d+\/primary\.json$/,
      );
      expect(backup).to.include({
        source: 'spr_council_backup',
        httpStatus: 200,
        attempts: 1,
        itemsFound: 3,
      });
      expect(server.requests.map((r) => r.path)).to.deep.equal([
        '/primary.json',
        '/primary.json',
        '/backup.json',
      ]);
      const stored = await h.service.list();
      expect(stored.map((m) => m.id)).to.deep.equal([
        'spr_council_backup/202603031800/x/city_council_regular_meeting',
        'spr_council_backup/202604071800/x/city_council_regular_meeting',
        'spr_council_backup/202604141700/x/finance_committee',
      ]);
      // Only meetings still to come are announced; the March one is history.
      expect(h.changes().map((c) => [c.change, c.meeting.title])).to.deep.equal([
        ['new', 'City Council Regular Meeting'],
        ['new', 'Finance Committee'],
      ]);
      expect(await h.service.runs()).to.have.length(2);
    });

    it('falls back when the primary does not answer within the timeout', async () => {
      server.set('/primary.json', { kind: 'hang' });
      server.set('/backup.json', jsonDocument({ meetings: [COUNCIL] }));
      const config = springfieldConfig(server);
      h = await startMeetings(
        db.store,
        { ...config, scrape: { ...config.scrape, timeoutSec: 5 } },
        { now: NOW },
      );

      const [report] = await scrape();

      expect(report!.ok).to.equal(true);
      expect(report!.runs[0]).to.include({
        source: 'spr_council',
        attempts: 2,
        errorCode: 'EM_SCRAPE_FETCH',
      });
      expect(report!.runs[0]!.errorMessage).to.match(
        /^spr_council: no complete reply from .*primary\.json within 5 s$/,
      );
      expect(report!.runs[0]!.httpStatus).to.equal(undefined);
      expect(report!.runs[1]).to.include({ source: 'spr_council_backup', itemsFound: 1 });
    });

    it('falls back when the primary lists no meetings at all', async () => {
      server.set('/primary.json', jsonDocument({ meetings: [] }));
      server.set('/backup.json', jsonDocument({ meetings: [COUNCIL] }));
      h = await startMeetings(db.store, springfieldConfig(server), { now: NOW });

      const [report] = await scrape();

      expect(report!.runs[0]).to.include({ errorCode: 'EM_SCRAPE_PARSE', httpStatus: 200 });
      expect(report!.runs[0]!.errorMessage).to.match(/^spr_council: no meetings found in /);
      expect(report!.runs[1]).to.include({ source: 'spr_council_backup', itemsFound: 1 });
    });

    it('a garbled document gives an error naming the source and keeps the stored meetings', async () => {
      server.set('/primary.json', jsonDocument({ meetings: [COUNCIL, FINANCE] }, '"v1"'));
      h = await startMeetings(db.store, springfieldConfig(server), { now: NOW });
      await scrape();
      const before = await h.service.list();
      expect(before).to.have.length(2);

      server.set('/primary.json', {
        kind: 'document',
        body: '{"meetings": [{"title": "City Coun',
        etag: '"v2"',
      });
      server.set('/backup.json', {
        kind: 'document',
        body: new Uint8Array([0x25, 0x50, 0x44, 0x46, 0xff, 0xfe, 0x00]),
      });
      await h.clock.advance(60_000);
      const [report] = await scrape();

      expect(report!.ok).to.equal(false);
      expect(report!.runs.map((r) => [r.source, r.errorCode])).to.deep.equal([
        ['spr_council', 'EM_SCRAPE_PARSE'],
        ['spr_council_backup', 'EM_SCRAPE_PARSE'],
      ]);
      expect(report!.runs[0]!.errorMessage).to.match(/^spr_council: not JSON \(/);
      expect(report!.runs[1]!.errorMessage).to.match(/^spr_council_backup: not JSON \(/);
      expect(await h.service.list()).to.deep.equal(before);
      expect(h.changes().filter((c) => c.change !== 'new')).to.deep.equal([]);
      expect(
        h.t.logs.some(
          (l) => l.level === 'error' && /every source failed; keeping the stored meetings/.test(l.msg ?? ''),
        ),
      ).to.equal(true);

      // The garbled document was not cached: the next scrape asks for it again without its ETag.
      server.set('/primary.json', jsonDocument({ meetings: [COUNCIL, FINANCE] }, '"v3"'));
      await scrape();
      const primaryRequests = server.requests.filter((r) => r.path === '/primary.json');
      expect(primaryRequests.map((r) => r.ifNoneMatch)).to.deep.equal([undefined, '"v1"', '"v1"']);
      expect(h.changes().filter((c) => c.change !== 'new')).to.deep.equal([]);
    });

    it('keeps ids stable when the fallback lists the meetings the primary listed before', async () => {
      server.set('/primary.json', jsonDocument({ meetings: [COUNCIL, FINANCE] }));
      server.set(
        '/backup.json',
        jsonDocument({ meetings: [{ ...COUNCIL, title: 'Regular Meeting of the City Council' }, FINANCE] }),
      );
      h = await startMeetings(db.store, springfieldConfig(server), { now: NOW });
      await scrape();
      const ids = (await h.service.list()).map((m) => m.id);

      server.set('/primary.json', { kind: 'status', status: 503 });
      for (let i = 0; i < 3; i += 1) await scrape();

      const after = await h.service.list();
      expect(after.map((m) => m.id)).to.deep.equal(ids);
      expect(after.map((m) => m.status)).to.deep.equal(['tentative', 'tentative']);
      expect(after[0]!.title).to.equal('Regular Meeting of the City Council');
      expect(h.changes().map((c) => c.change)).to.deep.equal(['new', 'new', 'updated']);
    });
  });
}
