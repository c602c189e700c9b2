import { describeDriverConformance } from '@encoder-manager/sdk/testing';
import { startAjaHeloSimulator } from '../src/index.js';
import { driverFor } from './helpers.js';

describe('HELO with the password login on', () => {
  // auth 'session' adds the wrong-password and session-expiry cases.
  describeDriverConformance({
    family: 'aja-helo',
    auth: 'session',
    streamOutput: 'stream',
    controlDeadlineMs: 1500,
    slowPollDeadlineMs: 1000,
    startSimulator: () => startAjaHeloSimulator({ password: 'secret', transitionMs: 200 }),
    createDriver: (sim, credentials) =>
      driverFor(sim.url, { password: credentials === 'valid' ? 'secret' : 'not-the-password' }),
  });
});

describe('HELO Plus without a password, numeric values as in the module mock', () => {
  describeDriverConformance({
    family: 'aja-helo',
    auth: 'none',
    streamOutput: 'stream',
    controlDeadlineMs: 1500,
    slowPollDeadlineMs: 1000,
    startSimulator: () =>
      startAjaHeloSimulator({ model: 'helo-plus', valueStyle: 'number', transitionMs: 200 }),
    createDriver: (sim) => driverFor(sim.url, { model: 'helo-plus' }),
  });
});
