import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import { runCli } from '../../../core/test/helpers/cli.js';
import { tempDir } from '../../../core/test/helpers/fixture-plugins.js';
import { startCityServer, type CityServer } from './helpers/city-server.js';
import { fixtureUrl } from './helpers/expected.js';
import { testBackends } from './helpers/store.js';

const ICS = readFileSync(fixtureUrl('city-scrapers-det/det_board_of_education/det_board_of_education.ics'));

for (const backend of testBackends()) {
  describe(`encoder-manager meetings scrape, run by the real CLI (${backend.name})`, function () {
    this.timeout(60_000);
    let server: CityServer;

    before(async () => {
      server = await startCityServer();
      server.set('/feed.ics', { kind: 'document', body: ICS, contentType: 'text/calendar', etag: '"d1"' });
    });
    after(async () => {
      await server.close();
      await backend.cleanup();
    });

    it('migrates, loads scraper-ical and meetings, scrapes the feed and stores all 33 meetings', async () => {
      const dir = tempDir('meetings-cli');
      const file = path.join(dir, 'encoder-manager.yaml');
      writeFileSync(
        file,
        [
          `store: { sqliteFile: ${JSON.stringify(backend.sqliteFile)} }`,
          'plugins:',
          '  scraper-ical: {}',
          '  meetings:',
          '    config:',
          '      sources:',
          '        - { name: det_board_of_education, city: Detroit, body: Board of Education, type: ical,',
          `            url: "${server.url('/feed.ics')}", timeZone: America/Detroit }`,
        ].join('\n'),
      );
      const env = backend.url ? { DATABASE_URL: backend.url, DATABASE_SCHEMA: backend.schema } : {};

      const result = await runCli(['--config', file, 'meetings', 'scrape'], { env });

      expect(result.stderr).to.equal('');
      expect(result.code).to.equal(0);
      // Every meeting in the 2019 feed is in the past by now, so none is announced as new.
      expect(result.stdout.trim().split('\n')).to.deep.equal([
        'Detroit / Board of Education: ok — 0 new, 0 moved, 0 cancelled, 0 updated',
        '  det_board_of_education  33 items  HTTP 200  1 attempt',
      ]);
      const db = await backend.open();
      try {
        const rows = (await db.knex('meetings_meetings').select('id', 'status')) as {
          id: string;
          status: string;
        }[];
        expect(rows).to.have.length(33);
        expect(rows.map((r) => r.id)).to.include(
          'det_board_of_education/201904161730/7856/dpscd_regular_board_meeting',
        );
        expect(new Set(rows.map((r) => r.status))).to.deep.equal(new Set(['passed']));
      } finally {
        await db.close();
      }
    });
  });
}
