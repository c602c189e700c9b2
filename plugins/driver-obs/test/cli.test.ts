import { expect } from 'chai';
import { pollDriver, runSimulatorToExit, spawnSimulator } from '@encoder-manager/sdk/testing';
import type { ObsSimulator } from '../src/simulator/index.js';
import { driverFor } from './helpers.js';

const BIN = new URL('../bin/obs-simulator.js', import.meta.url);

describe('obs-simulator CLI', () => {
  it('serves obs-websocket on the port it prints and takes commands on stdin', async () => {
    const cli = spawnSimulator(BIN, ['--port', '0', '--password', 'secret', '--fault', 'overheat']);
    try {
      const banner = await cli.nextLine();
      const port = /listening on ws:\/\/127\.0\.0\.1:(\d+) \(auth on\)/.exec(banner)?.[1];
      expect(port, banner).to.be.a('string');
      const { driver } = driverFor({ port: Number(port), password: 'secret' } as ObsSimulator);
      expect((await pollDriver(driver)).reachable).to.equal(true);
      await driver.close?.();
      cli.send('set stream active');
      expect(await cli.nextLine()).to.equal('ok: stream active');
      cli.send('status');
      expect(await cli.nextLine()).to.equal(
        'stream OBS_WEBSOCKET_OUTPUT_STARTED, record OBS_WEBSOCKET_OUTPUT_STOPPED, faults: overheat',
      );
    } finally {
      await cli.stop('quit');
    }
  });

  it('rejects an unknown fault with a usage message and exit code 2', async () => {
    const { code, stderr } = await runSimulatorToExit(BIN, ['--fault', 'melting']);
    expect(code).to.equal(2);
    expect(stderr).to.contain('--fault melting: unknown fault');
  });
});
