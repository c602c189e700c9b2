import { expect } from 'chai';
import type { CliIo } from '@encoder-manager/sdk';
import { startCityServer, jsonDocument, type CityServer } from './helpers/city-server.js';
import { settle, startMeetings, type Harness } from './helpers/harness.js';
import { COUNCIL, FINANCE, MARCH, NOW, springfieldConfig } from './helpers/springfield.js';
import { openMeetingsStore, testBackends, type MeetingsStore } from './helpers/store.js';

/** Captures what a command prints. */
function capture(): CliIo & { out: (line: string) => void; lines: string[]; errors: string[] } {
  const lines: string[] = [];
  const errors: string[] = [];
  return { lines, errors, out: (line) => lines.push(line), err: (line) => errors.push(line) };
}

for (const backend of testBackends()) {
  describe(`encoder-manager meetings (CLI command, ${backend.name})`, function () {
    let db: MeetingsStore;
    let server: CityServer;
    let h: Harness;

    before(async () => {
      db = await openMeetingsStore(backend);
      server = await startCityServer();
      server.set('/primary.json', { kind: 'status', status: 502 });
      server.set('/backup.json', jsonDocument({ meetings: [COUNCIL, FINANCE, MARCH] }));
      h = await startMeetings(
        db.store,
        springfieldConfig(server, { scrape: { retries: 0, timeoutSec: 60 } }),
        { now: NOW },
      );
    });
    after(async () => {
      await h.stop();
      await server.close();
      await db.close();
    });

    async function run(...args: string[]) {
      const io = capture();
      const code = await settle(h.command.run(args, io, new AbortController().signal), h.clock);
      return { code, out: io.lines, err: io.errors };
    }

    it('is named meetings and documents its subcommands', () => {
      expect(h.command.name).to.equal('meetings');
      expect(h.command.usage).to.contain('meetings list').and.contain('meetings scrape [--source NAME]');
    });

    it('scrape prints items found and errors per source', async () => {
      const { code, out } = await run('scrape', '--source', 'spr_council');
      expect(code).to.equal(0);
      expect(out[0]).to.equal('Springfield / City Council: ok — 2 new, 0 moved, 0 cancelled, 0 updated');
      expect(out[1]).to.match(
        /^ {2}spr_council {2}FAILED EM_SCRAPE_FETCH: spr_council: HTTP 502 Bad Gateway from .* {2}HTTP 502 {2}1 attempt$/,
      );
      expect(out[2]).to.equal('  spr_council_backup  3 items  HTTP 200  1 attempt');
    });

    it('list prints upcoming meetings in local time, filtered by body; --json gives records', async () => {
      const { code, out } = await run('list', '--body', 'city council');
      expect(code).to.equal(0);
      expect(out).to.have.length(2);
      expect(out[0]).to.match(
        /^2026-04-07 18:00 CDT {2}City Council {2}City Council Regular Meeting {2}tentative {2}spr_council_backup\/202604071800\/x\/city_council_regular_meeting$/,
      );
      expect(out[1]).to.contain('2026-04-14 17:00 CDT').and.contain('Finance Committee');

      const json = await run('list', '--json', '--from', '2026-03-01T00:00:00-06:00', '--to', '2026-04-10');
      const records = JSON.parse(json.out.join('\n')) as { title: string; start: string; status: string }[];
      expect(records.map((r) => [r.start, r.status])).to.deep.equal([
        ['2026-03-03T18:00:00', 'passed'],
        ['2026-04-07T18:00:00', 'tentative'],
      ]);
      expect((await run('list', '--body', 'Parks Board')).out).to.deep.equal(['no meetings']);
      expect((await run('list', '--past')).out).to.have.length(1);
    });

    it('sources lists the catalog with the last run', async () => {
      const { out } = await run('sources');
      const lines = out.filter((line) => line.startsWith('spr_'));
      expect(lines[0]).to.match(
        /^spr_council +Springfield \/ City Council +#1 +test-json +enabled +last: EM_SCRAPE_FETCH$/,
      );
      expect(lines[1]).to.match(
        /^spr_council_backup +Springfield \/ City Council +#2 +test-json +enabled +last: 3 items$/,
      );
      expect(out.some((line) => /^det_board_of_education .* disabled +never run$/.test(line))).to.equal(true);
    });

    it('exits 1 when every source of a body fails, 2 on bad usage', async () => {
      server.set('/backup.json', { kind: 'status', status: 404 });
      const failed = await run('scrape');
      expect(failed.code).to.equal(1);
      expect(failed.out[0]).to.equal(
        'Springfield / City Council: FAILED — every source failed; stored meetings kept',
      );

      expect((await run('list', '--from', 'yesterday')).err[0]).to.equal(
        'meetings list: --from "yesterday" is not an ISO date or date-time (e.g. 2026-04-21 or 2026-04-21T18:00)',
      );
      expect((await run('list', '--colour')).code).to.equal(2);
      expect((await run('frobnicate')).code).to.equal(2);
      const unknown = await run('scrape', '--source', 'nowhere');
      expect(unknown.code).to.equal(1);
      expect(unknown.err[0]).to.equal('meetings scrape: meetings: source "nowhere" does not exist');
    });
  });
}
