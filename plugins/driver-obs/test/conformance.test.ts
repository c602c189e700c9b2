import { describeDriverConformance } from '@encoder-manager/sdk/testing';
import { startObsSimulator, type ObsSimulator } from '../src/simulator/index.js';
import { driverFor } from './helpers.js';

describeDriverConformance({
  family: 'obs',
  startSimulator: () => startObsSimulator({ startDelayMs: 300, stopDelayMs: 150 }),
  createDriver: (sim, credentials) =>
    driverFor(sim as ObsSimulator, credentials === 'invalid' ? { password: 'wrong-password' } : {}).driver,
  streamOutput: 'stream',
  auth: 'challenge',
  controlDeadlineMs: 3000,
  slowPollDeadlineMs: 1000,
});
