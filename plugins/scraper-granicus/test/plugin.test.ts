import { expect } from 'chai';
import { scrapersRef, type Scraper } from '@encoder-manager/sdk';
import { createTestContext } from '@encoder-manager/sdk/testing';
import { scraperGranicusPlugin } from '../src/index.js';

describe('scraper-granicus plugin', () => {
  it('provides a scraper for source type "granicus"', async () => {
    const t = createTestContext({ name: 'scraper-granicus' });
    await scraperGranicusPlugin.setup(t.ctx, {});
    const scrapers = t.ctx.useAll(scrapersRef) as readonly Scraper[];
    expect(scrapers.map((s) => [s.name, [...s.sourceTypes]])).to.deep.equal([['granicus', ['granicus']]]);
    await t.stop();
  });
});
