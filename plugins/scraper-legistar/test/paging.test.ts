import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect } from 'chai';
import { isPagedScraper, mergePages, type ParsedMeeting, type ScrapeInput } from '@encoder-manager/sdk';
import { createLegistarApiScraper, legistarApiPages, legistarApiPaging } from '../src/index.js';

describe('scraper-legistar paging', () => {
  it('legistarApiPages yields $top/$skip pages with the date filter, keeping the token', () => {
    const pages = legistarApiPages('https://webapi.legistar.com/v1/nyc/events?token=abc', '2024-01-01');
    const [first, second] = [pages.next().value, pages.next().value].map((u) => new URL(String(u)));
    expect(first?.searchParams.get('token')).to.equal('abc');
    expect(first?.searchParams.get('$filter')).to.equal("EventDate ge datetime'2024-01-01'");
    expect([first?.searchParams.get('$top'), first?.searchParams.get('$skip')]).to.deep.equal(['1000', '0']);
    expect(second?.searchParams.get('$skip')).to.equal('1000');
  });

  it('the legistar-api scraper is a PagedScraper; firstPageUrl looks back sinceDays', () => {
    const scraper = createLegistarApiScraper();
    expect(isPagedScraper(scraper)).to.equal(true);
    const url = new URL(
      legistarApiPaging.firstPageUrl(
        'https://webapi.legistar.com/v1/x/events',
        Date.parse('2024-03-01T12:00:00Z'),
        { sinceDays: 10 },
      ),
    );
    expect(url.searchParams.get('$filter')).to.equal("EventDate ge datetime'2024-02-20'");
  });

  describe('against a local Legistar Web API fake (2,345 events)', () => {
    let server: Server;
    let base = '';
    const requests: string[] = [];
    before(async () => {
      server = createServer((req, res) => {
        requests.push(req.url ?? '');
        const url = new URL(req.url ?? '/', 'http://x');
        const top = Math.min(Number(url.searchParams.get('$top') ?? '1000'), 1000); // the API's cap
        const skip = Number(url.searchParams.get('$skip') ?? '0');
        const since = /datetime'(\d{4}-\d{2}-\d{2})'/.exec(url.searchParams.get('$filter') ?? '')?.[1] ?? '';
        const all = Array.from({ length: 2345 }, (_, i) => ({
          EventId: i + 1,
          EventBodyName: 'City Council',
          EventDate:
            new Date(Date.UTC(2024, 0, 1) + i * 3_600_000 * 6).toISOString().slice(0, 10) + 'T00:00:00',
          EventTime: '6:00 PM',
        })).filter((e) => e.EventDate.slice(0, 10) >= since);
        res.setHeader('content-type', 'application/json; charset=utf-8');
        res.end(JSON.stringify(all.slice(skip, skip + top)));
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/example/events`;
    });
    after(() => new Promise<void>((resolve) => server.close(() => resolve())));

    it('a fetcher looping firstPageUrl → nextPageUrl reads every page and stops on the short one', async () => {
      const scraper = createLegistarApiScraper();
      const now = Date.parse('2024-01-01T00:00:00Z');
      const pages: Array<readonly ParsedMeeting[]> = [];
      let url: string | undefined = scraper.paging.firstPageUrl(base, now, { sinceDays: 0 });
      for (let page = 0; url && page < 10; page += 1) {
        const reply = await fetch(url);
        const input: ScrapeInput = {
          source: 'fake',
          url,
          contentType: reply.headers.get('content-type') ?? '',
          body: new Uint8Array(await reply.arrayBuffer()),
          timeZone: 'America/New_York',
          now,
        };
        pages.push(await scraper.parse(input));
        url = scraper.paging.nextPageUrl(input);
      }
      expect(requests.map((r) => new URL(r, 'http://x').searchParams.get('$skip'))).to.deep.equal([
        '0',
        '1000',
        '2000',
      ]);
      const meetings = mergePages(pages);
      expect(meetings).to.have.length(2345);
      expect(new Set(meetings.map((m) => m.sourceId)).size).to.equal(2345);
    });
  });
});
