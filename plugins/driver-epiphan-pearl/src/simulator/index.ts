import type { Clock } from '@encoder-manager/sdk';
import { createWallClock } from '@encoder-manager/sdk/simulator';
import type { DriverSimulatorHandle } from '@encoder-manager/sdk/testing';
import { PearlModel, PEARL_FAULTS, type PearlFault, type PearlModelOptions } from './model.js';
import { startPearlServer, type PearlCredentials } from './server.js';

export { PearlModel, PEARL_FAULTS, type PearlFault } from './model.js';
export { defaultLayout, type SimLayout } from './layout.js';

/**
 * The wall clock, for the standalone simulator and for tests that run a driver against a live simulator.
 * Plugin logic never uses it directly: the agent passes `ctx.clock`.
 */
export const systemClock: Clock = createWallClock({ keepAlive: true });

/** Settings for {@link startPearlSimulator}. */
export interface PearlSimulatorOptions extends Omit<PearlModelOptions, 'clock'> {
  /** Drives transitions, ramps and reboots; default the wall clock. */
  readonly clock?: Clock;
  /** Default 0: a free port, reported as `port`. */
  readonly port?: number;
  readonly username?: string;
  readonly password?: string;
  /** How long the `slow` fault holds replies (default 30 s). */
  readonly slowMs?: number;
}

/** A running simulated Pearl: the conformance handle plus Pearl-specific controls. */
export interface PearlSimulator extends DriverSimulatorHandle {
  readonly port: number;
  readonly credentials: PearlCredentials;
  readonly model: PearlModel;
  inject(fault: PearlFault): void;
  /** Starts a reboot as `POST /system/control/reboot` would. */
  reboot(): void;
}

/**
 * Starts a simulated Epiphan Pearl speaking REST API v2.0 on 127.0.0.1: HTTP Basic auth, the
 * `{"status":"ok","result":…}` envelope and error envelopes, asynchronous start/stop (`starting` → `started`).
 */
export async function startPearlSimulator(options: PearlSimulatorOptions = {}): Promise<PearlSimulator> {
  const model = new PearlModel({ ...options, clock: options.clock ?? systemClock });
  const credentials = { username: options.username ?? 'admin', password: options.password ?? 'pearl' };
  const server = await startPearlServer({ model, credentials, slowMs: options.slowMs }, options.port ?? 0);
  return {
    url: server.url,
    port: server.port,
    credentials,
    model,
    setOutput: (outputId, state) => model.setOutput(outputId, state),
    inject(fault) {
      if (!PEARL_FAULTS.includes(fault)) throw new Error(`unknown fault "${String(fault)}"`);
      model.inject(fault);
    },
    clearFaults: () => model.clearFaults(),
    reboot: () => model.reboot(),
    close: () => server.close(),
  };
}
