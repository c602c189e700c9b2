import { expect } from 'chai';
import { Ajv } from 'ajv';
import { scrapersRef, type Scraper } from '@encoder-manager/sdk';
import { createTestContext } from '@encoder-manager/sdk/testing';
import scraperPdfPlugin, { configSchema, DEFAULTS, scraperPdfPlugin as named } from '../src/index.js';
import { input } from './helpers.js';
import { buildPdf, table } from './pdf-builder.js';

const ajv = new Ajv({ useDefaults: true, strict: false, allErrors: true });
const validate = ajv.compile(configSchema);

describe('scraper-pdf plugin', () => {
  it('exports the definition as default and named export', () => {
    expect(scraperPdfPlugin).to.equal(named);
    expect(scraperPdfPlugin).to.include({
      name: 'scraper-pdf',
      version: '0.1.0',
      sdk: '^1.0.0',
      kind: 'scraper',
    });
    expect(scraperPdfPlugin.description).to.be.a('string');
  });

  it('config: defaults maxPages, refuses unknown keys and out-of-range values', () => {
    const config: unknown = {};
    expect(validate(config)).to.equal(true);
    expect(config).to.deep.equal({ maxPages: DEFAULTS.maxPages });
    expect(validate({ maxPages: 0 })).to.equal(false);
    expect(validate({ maxPages: 501 })).to.equal(false);
    expect(validate({ pages: 3 })).to.equal(false);
    expect(configSchema.required ?? []).to.deep.equal([]);
  });

  it('provides one PDF scraper on scrapersRef that parses a document', async () => {
    const t = createTestContext({ name: 'scraper-pdf', version: '0.1.0' });
    try {
      await scraperPdfPlugin.setup(t.ctx, { maxPages: 5 });
      const provided = t.provided.get(scrapersRef.id) as Scraper[];
      expect(provided).to.have.length(1);
      const [scraper] = provided as [Scraper];
      expect(scraper.name).to.equal('pdf');
      expect(scraper.sourceTypes).to.deep.equal(['pdf']);
      const pdf = buildPdf([
        table([['Meeting Date'], ['May 3, 2021'], ['June 7, 2021']], { x: [72], top: 600 }),
      ]);
      const meetings = await scraper.parse(input(pdf, { options: { defaultTime: '10:00' } }));
      expect(meetings.map((m) => m.start)).to.deep.equal(['2021-05-03T10:00:00', '2021-06-07T10:00:00']);
      const info = t.logs.filter((r) => r.level === 'info' && r.msg === 'PDF scraper ready');
      expect(info).to.have.length(1);
      expect(info[0]?.fields).to.include({ maxPages: 5, plugin: 'scraper-pdf' });
    } finally {
      await t.stop();
    }
  });
});
