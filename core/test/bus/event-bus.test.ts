import { expect } from 'chai';
import type { EncoderSample } from '@encoder-manager/sdk';
import { CoreEventBus } from '../../src/bus/event-bus.js';
import { systemClock } from '../../src/clock.js';
import { MemoryLog } from '../helpers/memory-log.js';

function sample(n: number): EncoderSample {
  return { encoderId: `enc-${n}`, at: n, reachable: true, outputs: [], metrics: {} };
}

function makeBus() {
  const log = new MemoryLog();
  return { bus: new CoreEventBus(systemClock, log.logger()), log };
}

describe('CoreEventBus', () => {
  it('publish returns before any subscriber runs', () => {
    const { bus } = makeBus();
    let ran = false;
    bus.forOwner('p').on('encoder.sample', () => void (ran = true));
    bus.publish('core', 'encoder.sample', sample(1));
    expect(ran).to.equal(false);
  });

  it('delivers in order with seq, time and source', async () => {
    const { bus } = makeBus();
    const seen: { id: string; seq: number; source: string }[] = [];
    bus
      .forOwner('listener')
      .on(
        'encoder.sample',
        (payload, meta) => void seen.push({ id: payload.encoderId, seq: meta.seq, source: meta.source }),
      );
    const publisher = bus.forOwner('driver-x');
    for (let n = 1; n <= 5; n += 1) publisher.publish('encoder.sample', sample(n));
    await bus.idle();
    expect(seen.map((s) => s.id)).to.deep.equal(['enc-1', 'enc-2', 'enc-3', 'enc-4', 'enc-5']);
    expect(seen.map((s) => s.seq)).to.deep.equal([1, 2, 3, 4, 5]);
    expect(seen.every((s) => s.source === 'driver-x')).to.equal(true);
  });

  it('a throwing subscriber is attributed to its plugin and does not affect the others', async () => {
    const { bus, log } = makeBus();
    const good: number[] = [];
    const errors: string[] = [];
    bus.forOwner('faulty').on('encoder.sample', () => {
      throw new Error('boom');
    });
    bus.forOwner('good').on('encoder.sample', (payload) => void good.push(payload.at));
    bus
      .forOwner('watcher')
      .on('plugin.error', (payload) => void errors.push(`${payload.plugin}:${payload.hook}`));
    for (let n = 1; n <= 3; n += 1) bus.publish('core', 'encoder.sample', sample(n));
    await bus.idle();
    expect(good).to.deep.equal([1, 2, 3]);
    expect(errors).to.deep.equal([
      'faulty:on(encoder.sample)',
      'faulty:on(encoder.sample)',
      'faulty:on(encoder.sample)',
    ]);
    expect(log.errors().filter((line) => line.plugin === 'faulty')).to.have.length(3);
    expect(bus.stats().find((s) => s.owner === 'faulty')?.errors).to.equal(3);
  });

  it('a slow subscriber does not delay the others (measured)', async () => {
    const { bus } = makeBus();
    const fastAt: number[] = [];
    let slowDone = 0;
    bus.forOwner('slow').on('encoder.sample', async () => {
      await new Promise((resolve) => setTimeout(resolve, 200));
      slowDone += 1;
    });
    bus.forOwner('fast').on('encoder.sample', () => void fastAt.push(performance.now()));
    const started = performance.now();
    for (let n = 1; n <= 10; n += 1) bus.publish('core', 'encoder.sample', sample(n));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(fastAt).to.have.length(10);
    expect(Math.max(...fastAt) - started).to.be.below(50);
    expect(slowDone).to.equal(0);
  });

  it('bounds each queue and counts what it drops (drop-oldest keeps the newest)', async () => {
    const { bus } = makeBus();
    const seen: number[] = [];
    bus.forOwner('small').on('encoder.sample', (payload) => void seen.push(payload.at), { queueSize: 3 });
    for (let n = 1; n <= 10; n += 1) bus.publish('core', 'encoder.sample', sample(n));
    await bus.idle();
    expect(seen).to.deep.equal([8, 9, 10]);
    expect(bus.stats().find((s) => s.owner === 'small')).to.include({ dropped: 7, delivered: 3 });
  });

  it('drop-newest keeps the oldest events', async () => {
    const { bus } = makeBus();
    const seen: number[] = [];
    bus.forOwner('small').on('encoder.sample', (payload) => void seen.push(payload.at), {
      queueSize: 3,
      overflow: 'drop-newest',
    });
    for (let n = 1; n <= 10; n += 1) bus.publish('core', 'encoder.sample', sample(n));
    await bus.idle();
    expect(seen).to.deep.equal([1, 2, 3]);
  });

  it('onAny sees every event and unsubscribe stops delivery', async () => {
    const { bus } = makeBus();
    const names: string[] = [];
    const unsubscribe = bus.forOwner('api').onAny((event) => void names.push(event.name));
    bus.publish('core', 'encoder.sample', sample(1));
    bus.publish('core', 'plugin.state', { plugin: 'x', state: 'loaded', at: 1 });
    await bus.idle();
    unsubscribe();
    bus.publish('core', 'encoder.sample', sample(2));
    await bus.idle();
    expect(names).to.deep.equal(['encoder.sample', 'plugin.state']);
  });
});
