import { expect } from 'chai';
import { startCityServer, jsonDocument, type CityServer } from './helpers/city-server.js';
import { settle, startMeetings, type Harness } from './helpers/harness.js';
import { COUNCIL, FINANCE, NOW, springfieldConfig } from './helpers/springfield.js';
import { openMeetingsStore, testBackends, type MeetingsStore } from './helpers/store.js';

const LAST_MODIFIED = 'Wed, 01 Apr 2026 10:00:00 GMT';

for (const backend of testBackends()) {
  describe(`meetings conditional requests and schedule (${backend.name})`, function () {
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

    const scrape = async () => settle(h!.service.scrapeNow({ source: 'spr_council' }), h!.clock);

    it('sends If-None-Match; a 304 keeps the stored meetings and records a not-modified run', async () => {
      server.set('/primary.json', jsonDocument({ meetings: [COUNCIL, FINANCE] }, '"abc123"'));
      h = await startMeetings(db.store, springfieldConfig(server), { now: NOW });
      await scrape();
      const stored = await h.service.list();

      // Past two successful scrapes: a 304 is a success, so nothing counts as missing.
      for (let i = 0; i < 3; i += 1) await scrape();

      expect(server.requests.map((r) => r.ifNoneMatch)).to.deep.equal([
        undefined,
        '"abc123"',
        '"abc123"',
        '"abc123"',
      ]);
      const [latest] = await h.service.runs({ source: 'spr_council', limit: 1 });
      expect(latest).to.include({ httpStatus: 304, notModified: true, itemsFound: 2, attempts: 1 });
      expect(latest!.errorCode).to.equal(undefined);
      const after = await h.service.list();
      expect(after.map((m) => [m.id, m.status, m.missedCount])).to.deep.equal(
        stored.map((m) => [m.id, m.status, 0]),
      );
      expect(h.changes().map((c) => c.change)).to.deep.equal(['new', 'new']);
      expect(
        server.requests.every((r) => /^encoder-manager-meetings\/0\.1\.0$/.test(r.userAgent ?? '')),
      ).to.equal(true);
    });

    it('sends If-Modified-Since when the server gives only Last-Modified', async () => {
      server.set('/primary.json', {
        kind: 'document',
        body: JSON.stringify({ meetings: [COUNCIL] }),
        lastModified: LAST_MODIFIED,
      });
      h = await startMeetings(db.store, springfieldConfig(server), { now: NOW });
      await scrape();
      const [report] = await scrape();

      expect(server.requests.map((r) => r.ifModifiedSince)).to.deep.equal([undefined, LAST_MODIFIED]);
      expect(report!.runs[0]).to.include({ httpStatus: 304, notModified: true, itemsFound: 1 });
      expect(await h.service.list()).to.have.length(1);
    });

    it('a changed document (new ETag) is parsed again and its changes reported', async () => {
      server.set('/primary.json', jsonDocument({ meetings: [COUNCIL] }, '"v1"'));
      h = await startMeetings(db.store, springfieldConfig(server), { now: NOW });
      await scrape();
      server.set('/primary.json', jsonDocument({ meetings: [COUNCIL, FINANCE] }, '"v2"'));
      const [report] = await scrape();

      expect(report!.runs[0]).to.include({ httpStatus: 200, notModified: false, itemsFound: 2 });
      expect(h.changes().map((c) => c.meeting.title)).to.deep.equal([COUNCIL.title, FINANCE.title]);
    });

    it('scrapes on the schedule: at once when ready, then when the source interval has passed', async () => {
      server.set('/primary.json', jsonDocument({ meetings: [COUNCIL] }, '"v1"'));
      const config = springfieldConfig(server);
      h = await startMeetings(
        db.store,
        { ...config, sources: [{ ...config.sources[0], intervalMin: 30 }] },
        {
          now: NOW,
          ready: true,
        },
      );
      await settle(
        waitFor(() => server.requests.length === 1),
        h.clock,
        100,
        100,
      );
      expect(await waitForValue(() => h!.service.runs())).to.have.length(1);

      await h.clock.advance(20 * 60_000); // ticks every minute, but the body is not due yet
      await pause(50);
      expect(server.requests).to.have.length(1);

      await h.clock.advance(11 * 60_000);
      await settle(
        waitFor(() => server.requests.length === 2),
        h.clock,
        100,
        100,
      );
      expect(server.requests[1]!.ifNoneMatch).to.equal('"v1"');
    });
  });
}

function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Resolves once `condition` holds (checked every 10 ms of real time, for at most 5 s). */
async function waitFor(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !condition(); i += 1) await pause(10);
  if (!condition()) throw new Error('condition not met within 5 s');
}

async function waitForValue<T extends readonly unknown[]>(read: () => Promise<T>): Promise<T> {
  for (let i = 0; i < 100; i += 1) {
    const value = await read();
    if (value.length > 0) return value;
    await pause(10);
  }
  return read();
}
