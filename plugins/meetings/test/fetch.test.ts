import { createServer } from 'node:net';
import { expect } from 'chai';
import { EmError } from '@encoder-manager/sdk';
import { FakeClock } from '@encoder-manager/sdk/testing';
import { httpStatusOf, isRetryable } from '../src/fetch/errors.js';
import { fetchDocument, type DocumentRequest } from '../src/fetch/http.js';
import { backoffMs, withRetries } from '../src/fetch/retry.js';
import { startCityServer, type CityServer } from './helpers/city-server.js';
import { settle } from './helpers/harness.js';

describe('meetings fetcher', () => {
  let server: CityServer;
  const clock = new FakeClock();
  before(async () => {
    server = await startCityServer();
  });
  after(() => server.close());

  const request = (path: string, extra: Partial<DocumentRequest> = {}): DocumentRequest => ({
    source: 'spr_council',
    url: server.url(path),
    timeoutMs: 60_000,
    maxBytes: 1024,
    userAgent: 'test',
    clock,
    signal: new AbortController().signal,
    ...extra,
  });

  async function failure(work: Promise<unknown>): Promise<EmError> {
    try {
      await work;
    } catch (error) {
      expect(error).to.be.instanceOf(EmError);
      return error as EmError;
    }
    throw new Error('expected a failure');
  }

  it('returns the body, content type and validators', async () => {
    server.set('/doc', {
      kind: 'document',
      body: 'BEGIN:VCALENDAR',
      contentType: 'text/calendar',
      etag: '"e1"',
      lastModified: 'Wed, 01 Apr 2026 10:00:00 GMT',
    });
    const document = await fetchDocument(request('/doc'));
    expect(document).to.include({
      status: 200,
      notModified: false,
      contentType: 'text/calendar',
      etag: '"e1"',
    });
    expect(Buffer.from(document.body).toString()).to.equal('BEGIN:VCALENDAR');
  });

  it('marks 5xx and 429 retryable, 4xx not, and keeps the HTTP status', async () => {
    for (const [status, retryable] of [
      [500, true],
      [503, true],
      [429, true],
      [404, false],
      [403, false],
    ] as const) {
      server.set('/e', { kind: 'status', status });
      const error = await failure(fetchDocument(request('/e')));
      expect([error.code, httpStatusOf(error), isRetryable(error)], String(status)).to.deep.equal([
        'EM_SCRAPE_FETCH',
        status,
        retryable,
      ]);
      expect(error.message).to.match(new RegExp(`^spr_council: HTTP ${status} `));
    }
  });

  it('refuses a document over maxBytes and an empty 200 reply', async () => {
    server.set('/big', { kind: 'document', body: 'x'.repeat(5000) });
    expect((await failure(fetchDocument(request('/big')))).message).to.match(/is larger than 1024 bytes$/);
    server.set('/empty', { kind: 'document', body: '' });
    expect((await failure(fetchDocument(request('/empty')))).message).to.match(
      /^spr_council: empty reply \(HTTP 200\)/,
    );
  });

  it('times out on the plugin clock and names the source', async () => {
    server.set('/hang', { kind: 'hang' });
    const error = await failure(settle(fetchDocument(request('/hang', { timeoutMs: 5000 })), clock));
    expect(error.message).to.match(/^spr_council: no complete reply from .*\/hang within 5 s$/);
    expect(isRetryable(error)).to.equal(true);
  });

  it('reports a refused connection as a retryable network error', async () => {
    const port = await freePort();
    const error = await failure(fetchDocument({ ...request('/'), url: `http://127.0.0.1:${port}/x.ics` }));
    expect(error.message).to.equal(`spr_council: cannot reach http://127.0.0.1:${port}/x.ics: ECONNREFUSED`);
    expect(isRetryable(error)).to.equal(true);
  });
});

describe('meetings retry backoff', () => {
  const policy = { retries: 3, baseMs: 1000, maxMs: 5000 };

  it('grows exponentially with full jitter and a cap', () => {
    expect([0, 1, 2, 3, 4].map((n) => backoffMs(n, policy, () => 0.999))).to.deep.equal([
      999, 1998, 3996, 4995, 4995,
    ]);
    expect(backoffMs(2, policy, () => 0)).to.equal(0);
  });

  it('retries retryable failures on the clock, then gives up with the last error', async () => {
    const clock = new FakeClock(0);
    const attempts: number[] = [];
    const work = withRetries(
      async (attempt) => {
        attempts.push(clock.now());
        throw new Error(`fail ${attempt}`);
      },
      { policy, clock, signal: new AbortController().signal, random: () => 0.5, retryable: () => true },
    );
    const outcome = work.catch((error: Error) => error.message);
    await clock.runAll();
    expect(await outcome).to.equal('fail 4');
    expect(attempts).to.deep.equal([0, 500, 1500, 3500]);
  });

  it('stops at once on a non-retryable failure', async () => {
    let calls = 0;
    const options = {
      policy,
      clock: new FakeClock(0),
      signal: new AbortController().signal,
      random: () => 0.5,
      retryable: () => false,
    };
    await withRetries(async () => {
      calls += 1;
      throw new Error('404');
    }, options).catch(() => undefined);
    expect(calls).to.equal(1);
  });
});

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise((resolve) => probe.close(resolve));
  return port;
}
