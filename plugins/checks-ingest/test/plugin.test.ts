import { expect } from 'chai';
import { EmError, type CheckResult, type StreamStateEvent } from '@encoder-manager/sdk';
import { createTestContext, type FakeClock, type TestContext } from '@encoder-manager/sdk/testing';
import { Ajv } from 'ajv';
import checksIngestPlugin, {
  checksIngestPlugin as named,
  configSchema,
  type ChecksIngestConfig,
} from '../src/index.js';

const ajv = new Ajv({ useDefaults: true, strict: false, allErrors: true });
const validate = ajv.compile(configSchema);

function defaulted(raw: unknown): ChecksIngestConfig {
  const copy: unknown = structuredClone(raw);
  if (!validate(copy)) throw new Error(ajv.errorsText(validate.errors));
  return copy as ChecksIngestConfig;
}

const STREAMS = {
  streams: [
    {
      stream: 'live/chamber-a',
      encoder: 'chamber-a',
      minBytesPerSec: 100_000,
      expectWidth: 1280,
      expectHeight: 720,
      expectFps: 29.97,
      labels: { site: 'city-hall' },
    },
    { stream: 'live/chamber-b', encoder: 'chamber-b' },
  ],
  rateWindowSec: 10,
  quietAfterSec: 15,
  checkIntervalSec: 5,
};

interface Harness {
  readonly t: TestContext<FakeClock>;
  /** Publishes a stream.state as the ingest would, at the current fake time. */
  ingest(event: Partial<StreamStateEvent> & { stream: string }): Promise<void>;
  results(stream?: string): CheckResult[];
}

async function start(raw: unknown = STREAMS): Promise<Harness> {
  const t = createTestContext({ name: 'checks-ingest' });
  const instance = await checksIngestPlugin.setup(t.ctx, defaulted(raw));
  await instance?.ready?.();
  return {
    t,
    async ingest(event) {
      t.ctx.bus.publish('stream.state', {
        publishing: true,
        source: 'ingest-nginx-rtmp',
        at: t.clock.now(),
        ...event,
      });
      await t.flush();
    },
    results: (stream) =>
      t.events
        .filter((e) => e.name === 'check.result')
        .map((e) => e.payload as CheckResult)
        .filter((r) => stream === undefined || r.subject === stream),
  };
}

const good = {
  stream: 'live/chamber-a',
  clientId: '7',
  bytesInPerSec: 312_000,
  width: 1280,
  height: 720,
  fps: 29,
};

describe('checks-ingest', () => {
  let h: Harness | undefined;
  afterEach(async () => h?.t.stop());

  it('exports the definition (kind check) as default and named', () => {
    expect(checksIngestPlugin).to.equal(named);
    expect(checksIngestPlugin).to.include({ name: 'checks-ingest', kind: 'check', sdk: '^1.0.0' });
  });

  it('a stream received at a good rate and format is ok, labelled with encoder and stream', async () => {
    h = await start();
    await h.ingest(good);
    const [result] = h.results();
    expect(result).to.deep.include({
      check: 'ingest-stream',
      subject: 'live/chamber-a',
      status: 'ok',
      value: 312_000,
      message: 'live/chamber-a received: 2496 kbit/s (312000 B/s), 1280x720 29 fps',
      labels: { site: 'city-hall', stream: 'live/chamber-a', encoder: 'chamber-a' },
    });
    expect(result!.at).to.equal(h.t.clock.now());
  });

  for (const { name, event, status, message } of [
    {
      name: 'not publishing',
      event: { ...good, publishing: false, bytesInPerSec: 0 },
      status: 'critical',
      message: 'live/chamber-a is not received at the ingest: nothing is publishing',
    },
    {
      name: 'stalled (a frozen encoder keeps its connection)',
      event: { ...good, stalled: true, bytesInPerSec: 0 },
      status: 'critical',
      message: 'live/chamber-a: the encoder is connected but no data is arriving (stalled)',
    },
    {
      name: 'below the minimum rate',
      event: { ...good, bytesInPerSec: 40_000 },
      status: 'critical',
      message:
        'live/chamber-a arrives at 320 kbit/s (40000 B/s) on average — below the 800 kbit/s (100000 B/s) minimum',
    },
    {
      name: 'in another format than expected',
      event: { ...good, width: 640, height: 360 },
      status: 'warning',
      message: 'live/chamber-a arrives as 640x360 29 fps, expected width 1280, height 720',
    },
    {
      name: 'just publishing, no rate measured yet (first reading)',
      event: { stream: 'live/chamber-a', clientId: '7' },
      status: 'ok',
      message: 'live/chamber-a received',
    },
  ]) {
    it(`a stream ${name} is ${status}`, async () => {
      h = await start();
      await h.ingest(event);
      expect(h.results()[0]).to.include({ status, message });
    });
  }

  it('averages the rate over the window: one slow reading between good ones is not a drop, a slow stretch is', async () => {
    h = await start();
    for (const bytesInPerSec of [300_000, 300_000, 60_000, 300_000]) {
      await h.ingest({ ...good, bytesInPerSec });
      await h.t.clock.advance(1000);
    }
    expect(h.results().map((r) => r.status)).to.deep.equal(['ok', 'ok', 'ok', 'ok']);
    // 11 readings: the window (10 s) then holds slow readings only.
    for (let i = 0; i < 11; i += 1) {
      await h.ingest({ ...good, bytesInPerSec: 50_000 });
      await h.t.clock.advance(1000);
    }
    expect(h.results().at(-1)).to.include({ status: 'critical', value: 50_000, threshold: 100_000 });
  });

  it('starts the average afresh for a new publishing session', async () => {
    h = await start();
    await h.ingest({ ...good, bytesInPerSec: 20_000 });
    await h.ingest({ ...good, clientId: '8', bytesInPerSec: 300_000 });
    expect(h.results().at(-1)).to.include({ status: 'ok', value: 300_000 });
  });

  it('ignores streams it was not asked about, and other ingests when a source is named', async () => {
    h = await start({ streams: [{ stream: 'live/chamber-a', source: 'ingest-srt' }] });
    await h.ingest({ ...good, stream: 'live/other' });
    await h.ingest(good); // from ingest-nginx-rtmp
    expect(h.results()).to.deep.equal([]);
    await h.ingest({ ...good, source: 'ingest-srt' });
    expect(h.results()).to.have.length(1);
  });

  it('reports critical when the ingest stops reporting a publishing stream, ok again when it resumes', async () => {
    h = await start();
    await h.ingest(good);
    await h.ingest({ stream: 'live/chamber-b', bytesInPerSec: 200_000 });
    await h.t.clock.advance(20_000); // looks at 5, 10, 15, 20 s: silent 20 s > 15 s at the last one
    await h.t.flush();
    const quiet = h.results('live/chamber-a').at(-1)!;
    expect(quiet).to.include({
      status: 'critical',
      message:
        'no report from the ingest about live/chamber-a for 20 s (it was last seen publishing) — the ingest server or its monitoring is down',
    });
    expect(quiet.labels).to.include({ encoder: 'chamber-a', stream: 'live/chamber-a' });
    expect(quiet.at).to.equal(h.t.clock.now());
    await h.ingest(good);
    expect(h.results('live/chamber-a').at(-1)).to.include({ status: 'ok' });
  });

  it('reports a configured stream the ingest never mentioned once quietAfterSec has passed', async () => {
    h = await start();
    await h.t.clock.advance(15_000);
    await h.t.flush();
    expect(h.results()).to.deep.equal([]);
    await h.t.clock.advance(5000);
    await h.t.flush();
    expect(h.results('live/chamber-b')[0]).to.include({
      status: 'critical',
      message:
        'the ingest has not reported live/chamber-b since the agent started 20 s ago — nothing is publishing it, or the ingest is not watched',
    });
  });

  it('keeps reporting a stream that went away (the ingest says so once, then nothing), so `for` can run out', async () => {
    h = await start();
    await h.ingest({ ...good, publishing: false });
    await h.t.clock.advance(30_000);
    await h.t.flush();
    const results = h.results('live/chamber-a');
    expect(results.map((r) => r.status)).to.deep.equal([
      'critical',
      'critical',
      'critical',
      'critical',
      'critical',
      'critical',
      'critical',
    ]);
    expect(new Set(results.map((r) => r.message))).to.deep.equal(
      new Set(['live/chamber-a is not received at the ingest: nothing is publishing']),
    );
    expect(results.at(-1)!.at).to.equal(h.t.clock.now());
  });

  it('does not repeat an ok verdict on its own (only fresh events say ok)', async () => {
    h = await start({ ...STREAMS, streams: [STREAMS.streams[0]] });
    await h.ingest(good);
    await h.t.clock.advance(10_000);
    await h.t.flush();
    expect(h.results()).to.have.length(1);
  });

  it('refuses a stream listed twice, and the schema refuses a name without an app', async () => {
    const t = createTestContext({ name: 'checks-ingest' });
    const twice = defaulted({ streams: [{ stream: 'live/a' }, { stream: 'live/a' }] });
    expect(() => checksIngestPlugin.setup(t.ctx, twice)).to.throw(
      EmError,
      /config\.streams\[1\]: stream "live\/a" is listed twice/,
    );
    await t.stop();
    expect(validate({ streams: [{ stream: 'chamber-a' }] })).to.equal(false);
    expect(validate({ streams: [] })).to.equal(false);
  });
});
