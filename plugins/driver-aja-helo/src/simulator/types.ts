import type { Clock } from '@encoder-manager/sdk';
import type { DriverSimulatorHandle } from '@encoder-manager/sdk/testing';
import type { HeloModel } from '../config.js';
import type { HeloDevice } from './device.js';
import type { AjaHeloSimFault } from './faults.js';
import type { OverheatOptions } from './thermal.js';

/** Settings for {@link startAjaHeloSimulator}; every field is optional. */
export interface AjaHeloSimulatorOptions {
  /** Default 0: the OS picks a free port, read it from `port`/`url`. */
  readonly port?: number;
  /** Default 127.0.0.1. */
  readonly host?: string;
  readonly model?: HeloModel;
  /** Turns authentication on: `/config` answers 404 until `POST /authenticator/login` with this password. */
  readonly password?: string;
  /** Default: real time. Pass a FakeClock to drive transitions, reboots and the overheating ramp. */
  readonly clock?: Clock;
  /** Delay from a ReplicatorCommand to the state change; default 300 ms. */
  readonly transitionMs?: number;
  /** How long the HELO answers 503 after a reboot; default 5000 ms (as the module's mock). */
  readonly rebootMs?: number;
  /** How late replies are under the `slow` fault; default 5000 ms. */
  readonly slowMs?: number;
  /** Steady temperature, °C; default 45. */
  readonly temperatureC?: number;
  /** Free media, percent; default 80. */
  readonly mediaAvailablePct?: number;
  /** HELO Plus: Stream2 runs with Stream1; default true. */
  readonly dualStream?: boolean;
  /** `value` as a string (default, encoders.md §2.2) or a number (the module's mock). */
  readonly valueStyle?: 'string' | 'number';
  /** Rate of `inject('overheat')`, °C per second; default 0.5. */
  readonly overheatRatePerSec?: number;
}

/** A running simulated HELO: the conformance handle plus device controls. */
export interface AjaHeloSimulator extends DriverSimulatorHandle {
  readonly port: number;
  readonly device: HeloDevice;
  inject(fault: AjaHeloSimFault): void;
  setTemperature(celsius: number): void;
  /** Starts the overheating ramp: rate, start temperature, delay before it starts, ceiling. */
  startOverheat(options: OverheatOptions): void;
  stopOverheat(): void;
  /** The temperature the device reports now, whole °C. */
  temperature(): number;
  setMediaAvailable(pct: number): void;
  /** Sets an eRRS value (0–5) directly, e.g. 3 = eRRSFailingInIdle. */
  setReplicatorState(output: 'record' | 'stream', value: number): void;
  reboot(): void;
  expireSessions(): void;
  /** Runs one control command (`output stream active`, `overheat 0.5 60` …; `help` lists them). */
  command(line: string): unknown;
  /** Device requests seen, oldest first (at most 500), e.g. `GET /config?action=get&paramid=…`. */
  requests(): readonly string[];
  status(): Record<string, unknown>;
}
