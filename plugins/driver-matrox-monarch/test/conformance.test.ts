import { describeDriverConformance } from '@encoder-manager/sdk/testing';
import { startMatroxMonarchSimulator, type MonarchVariant } from '../src/index.js';
import { driverFor } from './helpers.js';

// Each GetStatus layout and SDK path once: HD and NVS-30 share a layout under different paths; HDX has ENC1/ENC2.
const RUNS: readonly [MonarchVariant, string, string][] = [
  ['hd', 'stream', 'Monarch HD'],
  ['hdx', 'enc2', 'Monarch HDX (ENC2 in RTMP mode)'],
  ['nvs30', 'stream', 'Datavideo NVS-30'],
];

for (const [variant, streamOutput, title] of RUNS) {
  describe(title, () => {
    describeDriverConformance({
      family: 'matrox-monarch',
      auth: 'basic',
      streamOutput,
      controlDeadlineMs: 1500,
      slowPollDeadlineMs: 1000,
      startSimulator: () => startMatroxMonarchSimulator({ variant, username: 'admin', password: 'secret' }),
      createDriver: (sim, credentials) =>
        driverFor(sim.url, { variant, password: credentials === 'valid' ? 'secret' : 'admin' }),
    });
  });
}
