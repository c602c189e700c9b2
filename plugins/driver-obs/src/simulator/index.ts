import type { Clock } from '@encoder-manager/sdk';
import { createWallClock } from '@encoder-manager/sdk/simulator';
import type { DriverSimulatorHandle } from '@encoder-manager/sdk/testing';
import { ObsModel, OBS_FAULTS, type ObsFault, type ObsModelOptions, type SimOutputId } from './model.js';
import { ObsServer } from './server.js';

export { ObsModel, OBS_FAULTS, type ObsFault, type SimOutputId } from './model.js';

/**
 * The wall clock, for the standalone simulator and for tests that run a driver against a live simulator.
 * Its timers keep the process alive: during a `restart` nothing else may (the port is closed).
 * Plugin logic never uses it directly: the agent passes `ctx.clock`.
 */
export const systemClock: Clock = createWallClock({ keepAlive: true });

/** Settings for {@link startObsSimulator}. */
export interface ObsSimulatorOptions extends Omit<ObsModelOptions, 'clock'> {
  /** Drives transitions and ramps; default the wall clock. */
  readonly clock?: Clock;
  /** Default 0: a free port, reported as `port`. */
  readonly port?: number;
  /** obs-websocket password; `null` turns authentication off. Default `obs-secret`. */
  readonly password?: string | null;
  /** How long the `slow` fault holds replies (default 30 s). */
  readonly slowMs?: number;
  /** How long a `restart` keeps OBS away (default 5 s). */
  readonly restartMs?: number;
}

/** A running simulated OBS: the conformance handle plus OBS-specific controls. */
export interface ObsSimulator extends DriverSimulatorHandle {
  readonly port: number;
  readonly password: string | undefined;
  readonly model: ObsModel;
  readonly server: ObsServer;
  setOutput(outputId: SimOutputId | string, state: 'idle' | 'active'): void;
  inject(fault: ObsFault): Promise<void>;
  /** OBS quits (ExitStarted, close 1001, port closed) and comes back after `restartMs` with outputs stopped. */
  restart(): Promise<void>;
}

/** Starts a simulated OBS Studio speaking obs-websocket v5 (rpcVersion 1) on 127.0.0.1. */
export async function startObsSimulator(options: ObsSimulatorOptions = {}): Promise<ObsSimulator> {
  const clock = options.clock ?? systemClock;
  const model = new ObsModel({ ...options, clock });
  const password = options.password === null ? undefined : (options.password ?? 'obs-secret');
  const server = new ObsServer({ model, password, slowMs: options.slowMs ?? 30_000 });
  const port = await server.listen(options.port ?? 0);
  let cancelRestart: (() => void) | undefined;
  return {
    url: `ws://127.0.0.1:${port}`,
    port,
    password,
    model,
    server,
    setOutput(outputId, state) {
      if (outputId !== 'stream' && outputId !== 'record') throw new Error(`OBS has no output ${outputId}`);
      model.setOutput(outputId, state);
    },
    async inject(fault) {
      if (!OBS_FAULTS.includes(fault)) throw new Error(`unknown fault "${String(fault)}"`);
      if (fault === 'auth-expiry') return server.invalidateSessions();
      model.inject(fault);
    },
    clearFaults: () => model.clearFaults(),
    async restart() {
      server.broadcast('ExitStarted', 1);
      await server.stop();
      model.reset();
      cancelRestart = clock.setTimer(() => void server.listen(port), options.restartMs ?? 5000);
    },
    async close() {
      cancelRestart?.();
      model.cancelTimers();
      await server.close();
    },
  };
}
