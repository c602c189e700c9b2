import type { EncoderDriver } from '@encoder-manager/sdk';
import { createMemoryLogger, type LogRecord } from '@encoder-manager/sdk/testing';
import type { Clock } from '@encoder-manager/sdk';
import { createEpiphanPearlDriver, type PearlEncoderConfig } from '../src/index.js';
import { systemClock, type PearlSimulator } from '../src/simulator/index.js';

/** A driver for a running simulator, on the wall clock, with short deadlines for tests. */
export function driverFor(
  sim: PearlSimulator,
  overrides: Partial<PearlEncoderConfig> = {},
  clock: Clock = systemClock,
): { driver: EncoderDriver; logs: LogRecord[] } {
  const logs: LogRecord[] = [];
  const driver = createEpiphanPearlDriver(
    {
      id: 'pearl-1',
      host: '127.0.0.1',
      port: sim.port,
      username: sim.credentials.username,
      password: sim.credentials.password,
      controlDeadlineMs: 3000,
      timeoutMs: 2000,
      ...overrides,
    },
    { clock, log: createMemoryLogger(logs) },
  );
  return { driver, logs };
}
