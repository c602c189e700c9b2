import { expect } from 'chai';
import { encoderDriversRef, type EncoderDriver, type EncoderSample } from '@encoder-manager/sdk';
import { FakeClock } from '@encoder-manager/sdk/testing';
import { CoreEventBus } from '../../src/bus/event-bus.js';
import { EncoderPoller } from '../../src/encoders/poller.js';
import { ServiceRegistry } from '../../src/plugins/services.js';
import { MemoryLog } from '../helpers/memory-log.js';

const ENCODERS = 1000;
const INTERVAL_MS = 1000;

/** A driver that answers at once and records when it was asked. */
function driver(id: string, clock: FakeClock, pollsAt: number[]): EncoderDriver {
  return {
    id,
    family: 'test',
    model: 'test',
    labels: {},
    capabilities: [],
    pollIntervalMs: INTERVAL_MS,
    poll(): Promise<EncoderSample> {
      pollsAt.push(clock.now());
      return Promise.resolve({ encoderId: id, at: clock.now(), reachable: true, outputs: [], metrics: {} });
    },
    control: () => Promise.reject(new Error('not supported')),
  };
}

describe('EncoderPoller spreads polls over the interval', () => {
  it('with no jitter at all, 1,000 encoders of one interval are not polled in the same instant', async () => {
    const clock = new FakeClock(0);
    const log = new MemoryLog().logger();
    const services = new ServiceRegistry();
    const options = { intervalMs: INTERVAL_MS, jitterMs: 0, historySize: 2, summaryIntervalSec: 0 };
    const poller = new EncoderPoller(services, new CoreEventBus(clock, log), clock, log, options);
    const pollsAt: number[] = [];
    poller.start();
    for (let i = 0; i < ENCODERS; i += 1)
      services.provide('test', encoderDriversRef, driver(`enc-${i}`, clock, pollsAt));
    await clock.advance(4 * INTERVAL_MS - 1);
    poller.stop();

    // The first poll of each encoder is straight away; after it each keeps its own place in the interval.
    expect(pollsAt.filter((at) => at === 0)).to.have.length(ENCODERS);
    const steady = pollsAt.filter((at) => at >= 2 * INTERVAL_MS && at < 3 * INTERVAL_MS);
    expect(steady).to.have.length(ENCODERS);
    const perTenth = new Array<number>(10).fill(0);
    for (const at of steady) perTenth[Math.floor(((at % INTERVAL_MS) / INTERVAL_MS) * 10)]! += 1;
    for (const count of perTenth) expect(count).to.be.within(70, 130);
    // Starts share 10 ms slots (one loop wake-up each): about 10 per slot, never a pile-up.
    const perSlot = new Map<number, number>();
    for (const at of steady) perSlot.set(at, (perSlot.get(at) ?? 0) + 1);
    expect([...perSlot.keys()].every((at) => at % 10 === 0)).to.equal(true);
    expect(Math.max(...perSlot.values())).to.be.below(30);
  });
});
