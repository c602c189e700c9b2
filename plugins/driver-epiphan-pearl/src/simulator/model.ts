import type { Clock } from '@encoder-manager/sdk';
import { parseOutputId } from '../outputs.js';
import {
  defaultLayout,
  type Runnable,
  type SimLayout,
  type SimPublisher,
  type SimRecorder,
} from './layout.js';

/** Faults the simulator can inject; each lasts until cleared. */
export const PEARL_FAULTS = [
  'garbled',
  'slow',
  'auth-expiry',
  'ignore-commands',
  'overheat',
  'link-loss',
  'dropped-frames',
] as const;
export type PearlFault = (typeof PEARL_FAULTS)[number];

/** Timing of the simulated device. */
export interface PearlModelOptions {
  readonly clock: Clock;
  /** How long an accepted start stays `starting` (default 1500 ms). */
  readonly startDelayMs?: number;
  /** How long an accepted stop takes (default 500 ms). */
  readonly stopDelayMs?: number;
  /** How long a reboot takes (default 20 s): refused connections for 40 %, then 503 `unavailable`. */
  readonly rebootMs?: number;
  readonly layout?: SimLayout;
}

/**
 * The simulated Pearl's state. Time moves lazily: every request first calls {@link tick}, which applies
 * asynchronous starts/stops and reboots that are due, so a FakeClock drives it without timers.
 */
export class PearlModel {
  readonly layout: SimLayout;
  readonly clock: Clock;
  readonly faults = new Map<PearlFault, number>();
  bootAt: number;
  #reboot: { readonly refuseUntil: number; readonly until: number } | undefined;
  readonly #startDelayMs: number;
  readonly #stopDelayMs: number;
  readonly #rebootMs: number;

  constructor(options: PearlModelOptions) {
    this.clock = options.clock;
    this.layout = options.layout ?? defaultLayout();
    this.bootAt = this.clock.now() - 3_600_000;
    this.#startDelayMs = options.startDelayMs ?? 1500;
    this.#stopDelayMs = options.stopDelayMs ?? 500;
    this.#rebootMs = options.rebootMs ?? 20_000;
  }

  inject(fault: PearlFault): void {
    if (!this.faults.has(fault)) this.faults.set(fault, this.clock.now());
  }

  clearFaults(): void {
    this.faults.clear();
  }

  has(fault: PearlFault): boolean {
    return this.faults.has(fault);
  }

  /** Milliseconds since a fault began, or undefined when it is not active. */
  faultAge(fault: PearlFault): number | undefined {
    const since = this.faults.get(fault);
    return since === undefined ? undefined : this.clock.now() - since;
  }

  /** Applies what is due: finished starts/stops and the end of a reboot. */
  tick(): void {
    const now = this.clock.now();
    if (this.#reboot && now >= this.#reboot.until) this.#finishReboot(this.#reboot.until);
    for (const item of this.#runnables()) {
      if (item.pending && item.pending.at <= now) settle(item, item.pending.to, item.pending.at);
    }
  }

  /** `refuse` (connections dropped), `unavailable` (HTTP 503) or undefined when the device is up. */
  rebootPhase(): 'refuse' | 'unavailable' | undefined {
    if (!this.#reboot) return undefined;
    return this.clock.now() < this.#reboot.refuseUntil ? 'refuse' : 'unavailable';
  }

  reboot(): void {
    const now = this.clock.now();
    this.#reboot = { refuseUntil: now + this.#rebootMs * 0.4, until: now + this.#rebootMs };
  }

  publisher(channel: string, publisher: string): SimPublisher | undefined {
    return this.layout.channels.find((c) => c.id === channel)?.publishers.find((p) => p.id === publisher);
  }

  recorder(recorder: string): SimRecorder | undefined {
    return this.layout.recorders.find((r) => r.id === recorder);
  }

  /** An accepted start/stop: it completes later (the spec's "executes asynchronously"). */
  control(item: Runnable & { readonly url?: string }, action: 'start' | 'stop'): void {
    if (this.has('ignore-commands')) return;
    const now = this.clock.now();
    if (action === 'start' && !item.running) {
      item.running = true;
      item.state = 'starting';
      const to = item.url === '' ? 'error' : 'started';
      item.pending = { to, at: now + this.#startDelayMs };
    } else if (action === 'stop' && item.running) {
      item.pending = { to: 'stopped', at: now + this.#stopDelayMs };
    }
  }

  /** Sets an output at once, as an operator on the front panel would. */
  setOutput(outputId: string, state: 'idle' | 'active'): void {
    const target = parseOutputId(outputId);
    const item =
      target.kind === 'recorder'
        ? this.recorder(target.recorder)
        : this.publisher(target.channel, target.publisher);
    if (!item) throw new Error(`the simulator has no output ${outputId}`);
    item.running = state === 'active';
    settle(item, state === 'active' ? 'started' : 'stopped', this.clock.now());
  }

  #finishReboot(at: number): void {
    this.#reboot = undefined;
    this.bootAt = at;
    for (const item of this.#runnables()) {
      item.running = false;
      settle(item, 'stopped', at);
    }
  }

  #runnables(): Runnable[] {
    return [...this.layout.channels.flatMap((channel) => channel.publishers), ...this.layout.recorders];
  }
}

function settle(item: Runnable, to: 'started' | 'stopped' | 'error', at: number): void {
  item.pending = undefined;
  item.state = to;
  item.description = to === 'error' ? 'Publisher URL is not set' : undefined;
  if (to === 'started') {
    item.startedAt = at;
    item.reconnections = 0;
  } else {
    item.running = false;
    item.startedAt = undefined;
  }
}
