import type { Clock } from '@encoder-manager/sdk';

/** An overheating ramp: the temperature rises linearly from `fromC`, starting `delayMs` from now. */
export interface OverheatOptions {
  /** Degrees Celsius per second. */
  readonly ratePerSec: number;
  /** Where the ramp starts; default the current temperature. */
  readonly fromC?: number;
  /** Wait this long before the ramp starts; default 0. */
  readonly delayMs?: number;
  /** The ramp stops rising here; default 125 °C. */
  readonly maxC?: number;
}

interface Ramp {
  readonly fromC: number;
  readonly ratePerSec: number;
  readonly startAt: number;
  readonly maxC: number;
}

/** The device temperature: a steady value, or a ramp driven by the simulator's clock. */
export class Thermal {
  #steadyC: number;
  #ramp: Ramp | undefined;

  constructor(
    private readonly clock: Clock,
    steadyC: number,
  ) {
    this.#steadyC = steadyC;
  }

  /** The temperature now, °C (not rounded; the device reports whole degrees). */
  current(): number {
    const ramp = this.#ramp;
    if (!ramp) return this.#steadyC;
    const elapsedSec = (this.clock.now() - ramp.startAt) / 1000;
    if (elapsedSec < 0) return this.#steadyC;
    return Math.min(ramp.maxC, ramp.fromC + ramp.ratePerSec * elapsedSec);
  }

  /** Holds a fixed temperature (ends any ramp). */
  set(celsius: number): void {
    assertFinite(celsius, 'temperature');
    this.#steadyC = celsius;
    this.#ramp = undefined;
  }

  /** Starts an overheating ramp; replaces a running one. */
  startRamp(options: OverheatOptions): void {
    assertFinite(options.ratePerSec, 'ratePerSec');
    this.#ramp = {
      fromC: options.fromC ?? this.current(),
      ratePerSec: options.ratePerSec,
      startAt: this.clock.now() + (options.delayMs ?? 0),
      maxC: options.maxC ?? 125,
    };
  }

  /** Ends the ramp; the device is back at its steady temperature (it cooled down). */
  stopRamp(): void {
    this.#ramp = undefined;
  }

  get ramping(): boolean {
    return this.#ramp !== undefined;
  }
}

function assertFinite(value: number, name: string): void {
  if (!Number.isFinite(value)) throw new RangeError(`${name} must be a finite number, got ${value}`);
}
