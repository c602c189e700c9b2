import { expect } from 'chai';
import {
  encoderDriversRef,
  ingestsRef,
  type ControlAction,
  type EncoderDriver,
  type FailoverEvent,
  type IngestService,
  type StreamStateEvent,
} from '@encoder-manager/sdk';
import { createTestContext, type TestContext, type FakeClock } from '@encoder-manager/sdk/testing';
import { createPluginStore, migratePlugins, openDatabase } from '@encoder-manager/core';
import failoverPlugin from '../src/index.js';

/**
 * Logic-level stand-ins for the ingest and two encoders, driven by the fake clock: the real ingest and
 * ffmpeg paths are covered end to end in test/failover.e2e.test.ts; here 60 s of flapping must run in ms.
 */
class Studio implements IngestService {
  readonly #streams = new Map<string, StreamStateEvent>();
  constructor(private readonly t: TestContext<FakeClock>) {}

  set(stream: string, publishing: boolean): void {
    const state = { stream, publishing, stalled: false, source: 'studio', at: this.t.clock.now() };
    this.#streams.set(stream, state);
    this.t.ctx.bus.publish('stream.state', state);
  }
  streams = () => [...this.#streams.values()];
  stream = (name: string) => this.#streams.get(name);
  async waitForPublishing(name: string, timeoutMs: number) {
    for (let waited = 0; waited <= timeoutMs; waited += 100) {
      if (this.#streams.get(name)?.publishing) return this.#streams.get(name);
      await this.t.clock.sleep(100);
    }
    return undefined;
  }
  encoder(id: string, stream: string): EncoderDriver {
    return {
      id,
      family: 'test',
      labels: {},
      capabilities: ['stream'],
      poll: async () => ({
        encoderId: id,
        at: this.t.clock.now(),
        reachable: true,
        outputs: [],
        metrics: {},
      }),
      control: async (action: ControlAction) => {
        // An encoder takes 400 ms from the start command to publishing at the ingest.
        if (action.type === 'start') this.t.clock.setTimer(() => this.set(stream, true), 400);
        if (action.type === 'stop') this.set(stream, false);
        return { action, confirmed: true, state: action.type === 'start' ? 'active' : 'idle', elapsedMs: 0 };
      },
    };
  }
}

describe('failover under a flapping primary (fake clock)', function () {
  this.timeout(30_000);

  it('primary toggling every 2 s for 60 s causes at most one failover and one return', async () => {
    const db = await openDatabase({ sqliteFile: ':memory:' });
    const pkg = { name: 'failover', packageDir: new URL('..', import.meta.url).pathname };
    await migratePlugins(db.knex, [pkg]);
    const t = createTestContext({
      name: 'failover',
      store: createPluginStore(db.knex, 'failover', 'sqlite'),
    });
    const studio = new Studio(t);
    t.ctx.provide(ingestsRef, studio);
    t.ctx.provide(encoderDriversRef, studio.encoder('enc-a', 'live/enc-a'));
    t.ctx.provide(encoderDriversRef, studio.encoder('enc-b', 'live/enc-b'));
    const config = {
      faultSeverities: ['critical' as const],
      channels: [
        {
          id: 'council',
          mode: 'cold' as const,
          return: 'preferred-primary' as const,
          stableSec: 30,
          retryPrimaryEverySec: 5,
          confirmTimeoutMs: 5000,
          assignment: 'ordered' as const,
          minBytesPerSec: 0,
          lowRateForMs: 3000,
          startOnReady: true,
          encoders: [
            { encoder: 'enc-a', output: 'stream', stream: 'live/enc-a' },
            { encoder: 'enc-b', output: 'stream', stream: 'live/enc-b' },
          ],
        },
      ],
    };
    const instance = (await failoverPlugin.setup(t.ctx, config)) ?? {};
    await instance.ready?.();
    await t.clock.advance(1000);

    for (let second = 0; second < 60; second += 2) {
      studio.set('live/enc-a', second % 4 === 0 ? false : true);
      await t.clock.advance(2000);
    }
    studio.set('live/enc-a', true);
    await t.clock.advance(35_000);
    await t.flush();

    const switches = t.events
      .filter((e) => e.name === 'failover.completed')
      .map((e) => e.payload as FailoverEvent);
    expect(switches.map((s) => `${s.from}→${s.to}`)).to.deep.equal(['enc-a→enc-b', 'enc-b→enc-a']);
    await t.stop();
    await db.close();
  });
});
