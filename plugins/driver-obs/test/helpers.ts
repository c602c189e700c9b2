import type { Clock, EncoderDriver } from '@encoder-manager/sdk';
import { createMemoryLogger, type LogRecord } from '@encoder-manager/sdk/testing';
import { createObsDriver, type ObsEncoderConfig } from '../src/index.js';
import { systemClock, type ObsSimulator } from '../src/simulator/index.js';

/** A driver for a running simulator, on the wall clock, with short deadlines for tests. */
export function driverFor(
  sim: ObsSimulator,
  overrides: Partial<ObsEncoderConfig> = {},
  clock: Clock = systemClock,
): { driver: EncoderDriver; logs: LogRecord[] } {
  const logs: LogRecord[] = [];
  const driver = createObsDriver(
    {
      id: 'obs-1',
      host: '127.0.0.1',
      port: sim.port,
      password: sim.password,
      controlDeadlineMs: 3000,
      connectTimeoutMs: 2000,
      ...overrides,
    },
    { clock, log: createMemoryLogger(logs) },
  );
  return { driver, logs };
}
