import {
  createScheduler,
  encoderDriversRef,
  type Clock,
  type EncoderDriver,
  type EncoderSample,
  type Logger,
  type OwnedScheduler,
  type ScheduledJob,
} from '@encoder-manager/sdk';
import type { CoreEventBus } from '../bus/event-bus.js';
import type { ServiceRegistry } from '../plugins/services.js';
import { RingBuffer } from '../util/ring-buffer.js';
import { describeSample, stateChange } from './changes.js';
import { pollOnce } from './poll-once.js';

const MIN_POLL_DEADLINE_MS = 3000;
/**
 * Poll starts are rounded to 10 ms slots: thousands of polls a second spread to the millisecond woke the
 * event loop for nearly each one, and a wake-up costs tens of µs of CPU on a virtual machine (measured
 * with the scheduler alone, 5,000 jobs at 1 Hz: 10 µs per run at 1 ms, 4.6 µs at 10 ms).
 */
const POLL_ALIGN_MS = 10;

/** The `polling:` and `log:` settings the poller needs. */
export interface PollerOptions {
  readonly intervalMs: number;
  readonly jitterMs: number;
  readonly historySize: number;
  readonly summaryIntervalSec: number;
}

interface Tracked {
  readonly driver: EncoderDriver;
  readonly job: ScheduledJob;
  readonly history: RingBuffer<EncoderSample>;
}

/**
 * Polls every encoder the driver plugins provide, on its own interval, and publishes
 * `encoder.sample` (every poll) and `encoder.state` (on change). Keeps recent samples in memory.
 */
export class EncoderPoller {
  readonly #tracked = new Map<EncoderDriver, Tracked>();
  /** By encoder id, so adding 5,000 drivers is not quadratic. */
  readonly #byId = new Map<string, Tracked>();
  readonly #scheduler: OwnedScheduler;
  #unwatch: () => void = () => {};

  constructor(
    private readonly services: ServiceRegistry,
    private readonly bus: CoreEventBus,
    private readonly clock: Clock,
    private readonly log: Logger,
    private readonly options: PollerOptions,
  ) {
    this.#scheduler = createScheduler(clock, log);
  }

  start(): void {
    this.#unwatch = this.services.watch(
      encoderDriversRef,
      (driver) => this.#track(driver),
      (driver) => this.#untrack(driver),
    );
    if (this.options.summaryIntervalSec > 0) {
      const intervalMs = this.options.summaryIntervalSec * 1000;
      this.#scheduler.every('encoder-summary', { intervalMs, runImmediately: false }, () =>
        this.#logSummary(),
      );
    }
  }

  stop(): void {
    this.#unwatch();
    this.#scheduler.stopAll();
    this.#tracked.clear();
    this.#byId.clear();
  }

  /** Recent samples of one encoder, oldest first. */
  history(encoderId: string): EncoderSample[] {
    return this.#find(encoderId)?.history.toArray() ?? [];
  }

  /** The newest sample of one encoder, without copying its history (read on every API request). */
  latestOf(encoderId: string): EncoderSample | undefined {
    return this.#find(encoderId)?.history.newest();
  }

  latest(): EncoderSample[] {
    return [...this.#tracked.values()].flatMap((tracked) => tracked.history.newest() ?? []);
  }

  #track(driver: EncoderDriver): void {
    if (this.#find(driver.id)) {
      this.log.error(
        { encoder: driver.id },
        `two drivers provide encoder "${driver.id}"; the second is ignored`,
      );
      return;
    }
    const history = new RingBuffer<EncoderSample>(this.options.historySize);
    const intervalMs = driver.pollIntervalMs ?? this.options.intervalMs;
    // A fast poll interval must not make a briefly busy host look like a dead encoder.
    const timeoutMs = Math.max(intervalMs, MIN_POLL_DEADLINE_MS);
    // Each encoder keeps its own place in the interval: with the default jitter (250 ms of 5 s) every
    // encoder would otherwise be polled in the same quarter second, 5,000 at once on a large station.
    const offsetMs = Math.floor(phaseOf(driver.id) * intervalMs);
    const job = this.#scheduler.every(
      `poll:${driver.id}`,
      { intervalMs, jitterMs: this.options.jitterMs, timeoutMs, offsetMs, alignMs: POLL_ALIGN_MS },
      (signal) => this.#poll(driver, history, signal),
    );
    const tracked = { driver, job, history };
    this.#tracked.set(driver, tracked);
    this.#byId.set(driver.id, tracked);
    this.log.info({ encoder: driver.id, family: driver.family, intervalMs }, `watching encoder ${driver.id}`);
  }

  #untrack(driver: EncoderDriver): void {
    const tracked = this.#tracked.get(driver);
    tracked?.job.stop();
    this.#tracked.delete(driver);
    if (tracked && this.#byId.get(driver.id) === tracked) this.#byId.delete(driver.id);
  }

  async #poll(driver: EncoderDriver, history: RingBuffer<EncoderSample>, signal: AbortSignal): Promise<void> {
    const sample = await pollOnce(driver, signal, () => this.clock.now());
    if (!this.#tracked.has(driver)) return;
    const change = stateChange(history.newest(), sample);
    history.push(sample);
    this.bus.publish('core', 'encoder.sample', sample);
    if (!change) return;
    this.bus.publish('core', 'encoder.state', change);
    const level = sample.reachable ? 'info' : 'warn';
    this.log[level](
      { encoder: driver.id, reachable: sample.reachable, outputs: change.outputs },
      describeSample(sample),
    );
  }

  #logSummary(): void {
    const latest = this.latest();
    if (latest.length === 0) return;
    this.log.info({ encoders: latest.length }, latest.map(describeSample).join(' | '));
  }

  #find(encoderId: string): Tracked | undefined {
    return this.#byId.get(encoderId);
  }
}

/**
 * A stable place in [0, 1) for an encoder id, so restarts and tests see the same spread: FNV-1a, then
 * murmur3's finaliser, without which ids differing only in a trailing number bunch up.
 */
function phaseOf(id: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < id.length; i += 1) {
    hash ^= id.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35);
  hash ^= hash >>> 16;
  return (hash >>> 0) / 2 ** 32;
}
