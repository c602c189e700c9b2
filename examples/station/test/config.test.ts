import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import { loadConfig } from '@encoder-manager/core';

const CONFIG = fileURLToPath(new URL('../encoder-manager.yaml', import.meta.url));
const ROOT_CONFIG = fileURLToPath(new URL('../../../encoder-manager.yaml', import.meta.url));

describe('example station configs', () => {
  for (const [label, location] of [
    ['examples/station/encoder-manager.yaml', CONFIG],
    ['encoder-manager.yaml (npm start)', ROOT_CONFIG],
  ] as const) {
    it(`${label} is valid as shipped`, async () => {
      const config = await loadConfig({ location, env: {} });
      expect(config.problems).to.deep.equal([]);
      expect(config.plugins.map((plugin) => plugin.name)).to.include('driver-simulated');
    });
  }
});
