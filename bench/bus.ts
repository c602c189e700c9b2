// Event-bus throughput: events/s published and deliveries/s with 10 subscribers, sync and async handlers.
import { performance } from 'node:perf_hooks';
import pino from 'pino';
import type { EncoderSample } from '@encoder-manager/sdk';
import { CoreEventBus } from '../core/src/bus/event-bus.js';
import { systemClock } from '../core/src/clock.js';

const SUBSCRIBERS = 10;
const EVENTS = 200_000;
const BATCH = 500;

const sample: EncoderSample = {
  encoderId: 'enc-1',
  at: 0,
  reachable: true,
  outputs: [{ id: 'stream', kind: 'stream', state: 'active', raw: 'STREAMING', bitrateKbps: 4500 }],
  metrics: { temperatureC: 51, cpuPct: 30, fps: 29.97, droppedFrames: 0 },
};

interface Scenario {
  readonly label: string;
  readonly handler: () => void | Promise<void>;
}

async function measure({ label, handler }: Scenario, events = EVENTS, print = true): Promise<void> {
  const bus = new CoreEventBus(systemClock, pino({ level: 'silent' }));
  let delivered = 0;
  for (let i = 0; i < SUBSCRIBERS; i += 1) {
    bus.subscribe(`sub-${i}`, 'encoder.sample', () => {
      delivered += 1;
      return handler();
    });
  }
  const started = performance.now();
  let publishMs = 0;
  for (let sent = 0; sent < events; sent += BATCH) {
    const before = performance.now();
    for (let i = 0; i < BATCH; i += 1) bus.publish('bench', 'encoder.sample', sample);
    publishMs += performance.now() - before;
    await bus.idle();
  }
  const seconds = (performance.now() - started) / 1000;
  const dropped = bus.stats().reduce((sum, s) => sum + s.dropped, 0);
  const line = [
    label.padEnd(14),
    `${Math.round(events / seconds)
      .toLocaleString('en-US')
      .padStart(10)} events/s end-to-end`,
    `${Math.round(delivered / seconds)
      .toLocaleString('en-US')
      .padStart(11)} deliveries/s`,
    `publish ${((publishMs * 1e6) / events).toFixed(0)} ns/event`,
    `dropped ${dropped}`,
  ];
  if (print) process.stdout.write(`${line.join('  ')}\n`);
}

export async function run(): Promise<void> {
  process.stdout.write(
    `bus: ${EVENTS.toLocaleString('en-US')} events, ${SUBSCRIBERS} subscribers, batches of ${BATCH}, node ${process.version}\n`,
  );
  // Warm the JIT first so the first printed scenario is not penalised.
  await measure({ label: 'warm-up', handler: () => {} }, EVENTS / 4, false);
  await measure({ label: 'sync handlers', handler: () => {} });
  await measure({ label: 'async handlers', handler: async () => {} });
}
