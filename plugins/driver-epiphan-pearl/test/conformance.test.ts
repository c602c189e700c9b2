import { describeDriverConformance } from '@encoder-manager/sdk/testing';
import { startPearlSimulator, type PearlSimulator } from '../src/simulator/index.js';
import { driverFor } from './helpers.js';

describeDriverConformance({
  family: 'epiphan-pearl',
  // Short transitions keep the suite fast; the defaults (1.5 s / 0.5 s) behave the same, only slower.
  startSimulator: () => startPearlSimulator({ startDelayMs: 300, stopDelayMs: 200, slowMs: 30_000 }),
  createDriver: (sim, credentials) =>
    driverFor(sim as PearlSimulator, credentials === 'invalid' ? { password: 'wrong-password' } : {}).driver,
  streamOutput: 'ch1/pub0',
  auth: 'basic',
  controlDeadlineMs: 3000,
  slowPollDeadlineMs: 1000,
});
