import { expect } from 'chai';
import { scrapersRef, type Scraper } from '@encoder-manager/sdk';
import { createTestContext } from '@encoder-manager/sdk/testing';
import { scraperGenericPlugin } from '../src/index.js';

describe('scraper-generic plugin', () => {
  it('provides a scraper for source type "generic"', async () => {
    const t = createTestContext({ name: 'scraper-generic' });
    await scraperGenericPlugin.setup(t.ctx, {});
    const scrapers = t.ctx.useAll(scrapersRef) as readonly Scraper[];
    expect(scrapers.map((s) => [s.name, [...s.sourceTypes]])).to.deep.equal([['generic', ['generic']]]);
    await t.stop();
  });
});
