import type { CancelTimer, Clock } from '@encoder-manager/sdk';
import { ReplicatorOutput, RRS } from './replicator.js';
import { Thermal } from './thermal.js';

/** Settings of one simulated HELO. */
export interface HeloDeviceOptions {
  readonly clock: Clock;
  /** Delay between a ReplicatorCommand and the state change. */
  readonly transitionMs: number;
  readonly rebootMs: number;
  readonly temperatureC: number;
  readonly mediaAvailablePct: number;
}

/** The state of a simulated HELO: replicator outputs, temperature, media, reboot and link loss. */
export class HeloDevice {
  readonly thermal: Thermal;
  readonly record: ReplicatorOutput;
  readonly stream: ReplicatorOutput;
  mediaAvailablePct: number;
  ignoreCommands = false;
  #linkLoss = false;
  #rebootUntil = -Infinity;
  readonly #timers = new Set<CancelTimer>();
  readonly #onReboot: (() => void)[] = [];

  constructor(private readonly options: HeloDeviceOptions) {
    this.thermal = new Thermal(options.clock, options.temperatureC);
    this.record = new ReplicatorOutput(options.clock, RRS.idle);
    this.stream = new ReplicatorOutput(options.clock, RRS.idle);
    this.mediaAvailablePct = options.mediaAvailablePct;
  }

  /** As if an operator pressed the front-panel button: no transition delay. */
  setOutput(outputId: string, state: 'idle' | 'active'): void {
    const output = outputId === 'record' ? this.record : outputId === 'stream' ? this.stream : undefined;
    if (!output)
      throw new RangeError(`a simulated HELO has outputs "record" and "stream", not "${outputId}"`);
    output.set(state === 'idle' ? RRS.idle : this.#runningValue(output));
  }

  setMediaAvailable(pct: number): void {
    if (!(pct >= 0 && pct <= 100)) throw new RangeError(`media available is 0–100 %, got ${pct}`);
    this.mediaAvailablePct = pct;
  }

  /** What the control endpoint shows. */
  status(): Record<string, unknown> {
    return {
      record: this.record.value,
      stream: this.stream.value,
      temperatureC: Math.round(this.thermal.current()),
      overheating: this.thermal.ramping,
      mediaAvailablePct: this.mediaAvailablePct,
      linkLoss: this.#linkLoss,
      ignoreCommands: this.ignoreCommands,
      rebooting: this.rebooting(),
    };
  }

  /** Uplink lost: a running stream fails (eRRSFailingInStream) until the link returns. */
  setLinkLoss(lost: boolean): void {
    this.#linkLoss = lost;
    if (lost && this.stream.value === RRS.running) this.stream.set(RRS.failingInRun);
    if (!lost && this.stream.value === RRS.failingInRun) this.stream.set(RRS.running);
  }

  get linkLoss(): boolean {
    return this.#linkLoss;
  }

  /** Answers 503 for `rebootMs`, then comes back with both outputs idle. */
  reboot(): void {
    if (this.rebooting()) return;
    this.#rebootUntil = this.options.clock.now() + this.options.rebootMs;
    this.#later(this.options.rebootMs, () => {
      this.record.set(RRS.idle);
      this.stream.set(RRS.idle);
      for (const listener of this.#onReboot) listener();
    });
  }

  rebooting(): boolean {
    return this.options.clock.now() < this.#rebootUntil;
  }

  /** Called when a reboot finishes (sessions do not survive it). */
  onRebooted(listener: () => void): void {
    this.#onReboot.push(listener);
  }

  close(): void {
    for (const cancel of this.#timers) cancel();
    this.#timers.clear();
  }

  /** Applies a ReplicatorCommand after the transition delay (unless commands are ignored). */
  command(value: number): void {
    if (this.ignoreCommands) return;
    const apply: Record<number, () => void> = {
      1: () => this.record.set(RRS.running),
      2: () => this.record.set(RRS.idle),
      3: () => this.stream.set(this.#runningValue(this.stream)),
      4: () => this.stream.set(RRS.idle),
    };
    const change = apply[value];
    if (change) this.#later(this.options.transitionMs, change);
  }

  #runningValue(output: ReplicatorOutput): number {
    return output === this.stream && this.#linkLoss ? RRS.failingInRun : RRS.running;
  }

  #later(ms: number, fn: () => void): void {
    const cancel = this.options.clock.setTimer(() => {
      this.#timers.delete(cancel);
      fn();
    }, ms);
    this.#timers.add(cancel);
  }
}
