import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { EmError, scrapedLinkUrl } from '../src/index.js';
import {
  emErrorOf,
  expectEmError,
  runSimulatorToExit,
  scrapeInputFactory,
  spawnSimulator,
} from '../src/testing/index.js';

const failure = (run: () => Promise<unknown>) =>
  run().then(
    () => 'passed',
    (error: unknown) => (error as Error).message,
  );

describe('test kit: errors and inputs', () => {
  it('expectEmError passes on the right code and fragments, and fails clearly otherwise', async () => {
    const refuse = () => {
      throw new EmError('EM_CONFIG_INVALID', 'driver-x: duplicate encoder id "a"');
    };
    expect((await expectEmError(refuse, 'EM_CONFIG_INVALID', 'duplicate', '"a"')).code).to.equal(
      'EM_CONFIG_INVALID',
    );
    expect(await failure(() => expectEmError(refuse, 'EM_DRIVER_AUTH'))).to.contain(
      'expected EM_DRIVER_AUTH',
    );
    expect(await failure(() => expectEmError(refuse, 'EM_CONFIG_INVALID', 'twice'))).to.contain('"twice"');
    expect(await failure(() => emErrorOf(Promise.resolve(1)))).to.equal(
      'expected an EmError, but nothing was thrown',
    );
    expect(await failure(() => emErrorOf(Promise.reject(new TypeError('x'))))).to.contain('TypeError: x');
  });

  it('scrapeInputFactory encodes string bodies and lets overrides win', () => {
    const input = scrapeInputFactory({
      source: 's',
      url: 'u',
      contentType: 'text/html',
      timeZone: 'UTC',
      now: 1,
    });
    expect(new TextDecoder().decode(input('héllo').body)).to.equal('héllo');
    expect(input(new Uint8Array([1]), { source: 'other' })).to.deep.include({ source: 'other', now: 1 });
  });

  it('scrapedLinkUrl prefers the scripted URL, skips "#" and javascript:, resolves against the page', () => {
    const scripted = /window\.open\(\s*['"]([^'"]+)['"]/;
    const page = 'https://city.example/Calendar.aspx';
    expect(
      scrapedLinkUrl({ href: '#', onclick: "window.open('/Video.aspx?id=3')" }, page, scripted),
    ).to.equal('https://city.example/Video.aspx?id=3');
    expect(scrapedLinkUrl({ href: ' agenda.pdf ' }, page, scripted)).to.equal(
      'https://city.example/agenda.pdf',
    );
    expect(scrapedLinkUrl({ href: 'javascript:void(0)' }, page, scripted)).to.equal(undefined);
    expect(scrapedLinkUrl({ href: 'http://[bad' }, page, scripted)).to.equal(undefined);
  });
});

describe('test kit: simulator processes', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'em-sim-bin-'));
    // A stand-in simulator CLI: echoes stdin lines, exits 0 on "quit", or 2 on a bad flag.
    const echo = `if (process.argv[2] === '--bad') { console.error('sim: --bad is not a flag'); process.exit(2); }
console.log('listening');
process.stdin.setEncoding('utf8').on('data', (text) => {
  for (const line of text.split('\\n').filter(Boolean)) line === 'quit' ? process.exit(0) : console.log('echo ' + line);
});`;
    writeFileSync(join(dir, 'echo.mjs'), echo);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('talks to a spawned simulator line by line and stops it', async () => {
    const sim = spawnSimulator(join(dir, 'echo.mjs'), []);
    expect(await sim.nextLine()).to.equal('listening');
    sim.send('status');
    expect(await sim.nextLine()).to.equal('echo status');
    expect(await sim.stop('quit')).to.equal(0);
  });

  it('reports how a simulator that stops by itself ended', async () => {
    expect(await runSimulatorToExit(join(dir, 'echo.mjs'), ['--bad'])).to.deep.equal({
      code: 2,
      stderr: 'sim: --bad is not a flag\n',
    });
  });
});
