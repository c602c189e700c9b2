import { expect } from 'chai';
import { isPagedScraper, scrapersRef, type Scraper } from '@encoder-manager/sdk';
import { createTestContext } from '@encoder-manager/sdk/testing';
import { scraperLegistarPlugin } from '../src/index.js';

describe('scraper-legistar plugin', () => {
  it('provides a paged legistar-api scraper and a legistar-grid scraper', async () => {
    const t = createTestContext({ name: 'scraper-legistar' });
    await scraperLegistarPlugin.setup(t.ctx, {});
    const scrapers = t.ctx.useAll(scrapersRef) as readonly Scraper[];
    expect(scrapers.map((s) => [s.name, [...s.sourceTypes], isPagedScraper(s)])).to.deep.equal([
      ['legistar-api', ['legistar-api'], true],
      ['legistar-grid', ['legistar-grid'], false],
    ]);
    await t.stop();
  });
});
