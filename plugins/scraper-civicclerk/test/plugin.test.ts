import { expect } from 'chai';
import { isPagedScraper, scrapersRef, type Scraper } from '@encoder-manager/sdk';
import { createTestContext } from '@encoder-manager/sdk/testing';
import { scraperCivicClerkPlugin } from '../src/index.js';

describe('scraper-civicclerk plugin', () => {
  it('provides a paged scraper for source type "civicclerk"', async () => {
    const t = createTestContext({ name: 'scraper-civicclerk' });
    await scraperCivicClerkPlugin.setup(t.ctx, {});
    const scrapers = t.ctx.useAll(scrapersRef) as readonly Scraper[];
    expect(scrapers.map((s) => [s.name, [...s.sourceTypes], isPagedScraper(s)])).to.deep.equal([
      ['civicclerk', ['civicclerk'], true],
    ]);
    await t.stop();
  });
});
