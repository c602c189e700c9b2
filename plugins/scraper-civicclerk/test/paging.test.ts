import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect } from 'chai';
import { isPagedScraper, mergePages, type ParsedMeeting, type ScrapeInput } from '@encoder-manager/sdk';
import { createCivicClerkScraper } from '../src/index.js';

// A local fake of the CivicClerk OData API: 250 events served 100 per page with @odata.nextLink.
describe('scraper-civicclerk paging against a local OData fake', () => {
  let server: Server;
  let base = '';
  const filters: Array<string | null> = [];
  before(async () => {
    server = createServer((req, res) => {
      const url = new URL(req.url ?? '/', `http://${req.headers.host}`);
      filters.push(url.searchParams.get('$filter'));
      const skip = Number(url.searchParams.get('$skip') ?? '0');
      const value = Array.from({ length: 250 }, (_, i) => ({
        id: i + 1,
        eventName: 'City Council',
        startDateTime: `2024-${String((i % 12) + 1).padStart(2, '0')}-10T18:00:00Z`,
      })).slice(skip, skip + 100);
      const next = new URL(url);
      next.searchParams.set('$skip', String(skip + 100));
      res.setHeader('content-type', 'application/json');
      res.end(
        JSON.stringify({
          '@odata.context': 'x',
          value,
          ...(skip + 100 < 250 ? { '@odata.nextLink': next.toString() } : {}),
        }),
      );
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/Events`;
  });
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('adds a date window to the first URL and follows @odata.nextLink to the end', async () => {
    const scraper = createCivicClerkScraper();
    expect(isPagedScraper(scraper)).to.equal(true);
    const now = Date.parse('2024-06-01T12:00:00Z');
    const pages: Array<readonly ParsedMeeting[]> = [];
    let url: string | undefined = scraper.paging.firstPageUrl(base, now, { sinceDays: 31, untilDays: 30 });
    for (let page = 0; url && page < 10; page += 1) {
      const reply = await fetch(url);
      const input: ScrapeInput = {
        source: 'fake',
        url,
        contentType: 'application/json',
        body: new Uint8Array(await reply.arrayBuffer()),
        timeZone: 'America/New_York',
        now,
      };
      pages.push(await scraper.parse(input));
      url = scraper.paging.nextPageUrl(input);
    }
    expect(pages.map((p) => p.length)).to.deep.equal([100, 100, 50]);
    expect(mergePages(pages)).to.have.length(250);
    expect(filters[0]).to.equal('startDateTime ge 2024-05-01 and startDateTime le 2024-07-01');
  });
});
