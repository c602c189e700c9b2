import type { Clock } from '@encoder-manager/sdk';
import type { DriverSimulatorHandle } from '@encoder-manager/sdk/testing';
import type { MonarchVariant } from '../variants.js';
import type { MonarchDevice } from './device.js';
import type { MonarchSimFault } from './faults.js';

/** Settings for {@link startMatroxMonarchSimulator}; every field is optional. */
export interface MatroxMonarchSimulatorOptions {
  /** Default 0: the OS picks a free port, read it from `port`/`url`. */
  readonly port?: number;
  /** Default 127.0.0.1. */
  readonly host?: string;
  /** Default `hd`; `nvs30` answers under /NVS/. */
  readonly variant?: MonarchVariant;
  /** HTTP Basic credentials; default admin/admin (the factory default). */
  readonly username?: string;
  readonly password?: string;
  /** The NAME field; default `MONARCH1`. */
  readonly name?: string;
  /** Initial channel modes, e.g. `{ stream: 'RTSP' }`, `{ enc1: 'NONE' }`. */
  readonly modes?: Readonly<Record<string, string>>;
  /** Default: real time. A FakeClock drives busy windows, transitions and power cycles. */
  readonly clock?: Clock;
  /** How long a start/stop command executes (others get RETRY meanwhile); default 200 ms. */
  readonly commandMs?: number;
  /** How long a GetStatus executes; default 20 ms. */
  readonly statusMs?: number;
  /** From a start/stop command to the state change; default 400 ms. */
  readonly transitionMs?: number;
  /** How late replies are under the `slow` fault; default 5000 ms. */
  readonly slowMs?: number;
}

/** A running simulated Monarch: the conformance handle plus device controls. */
export interface MatroxMonarchSimulator extends DriverSimulatorHandle {
  readonly port: number;
  readonly device: MonarchDevice;
  inject(fault: MonarchSimFault): void;
  setMode(channel: string, mode: string): void;
  /** The next `count` commands answer RETRY. */
  setBusy(count: number): void;
  /** Drops every connection for `ms` (default 5000), then comes back with all outputs idle. */
  powerCycle(ms?: number): void;
  setName(name: string): void;
  /** Runs one control command (`output stream active`, `busy 3` …; `help` lists them). */
  command(line: string): unknown;
  /** Device requests seen, oldest first (at most 500), e.g. `GET /Monarch/syncconnect/sdk.aspx?command=GetStatus`. */
  requests(): readonly string[];
  status(): Record<string, unknown>;
}
