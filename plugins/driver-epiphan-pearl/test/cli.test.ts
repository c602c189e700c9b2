import { expect } from 'chai';
import { runSimulatorToExit, spawnSimulator } from '@encoder-manager/sdk/testing';

const BIN = new URL('../bin/epiphan-pearl-simulator.js', import.meta.url);

describe('epiphan-pearl-simulator CLI', () => {
  it('serves the API on the port it prints and takes fault commands on stdin', async () => {
    const cli = spawnSimulator(BIN, ['--port', '0', '--password', 'secret', '--fault', 'overheat']);
    try {
      const banner = await cli.nextLine();
      const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(banner)?.[1];
      expect(url, banner).to.be.a('string');
      const auth = { authorization: `Basic ${Buffer.from('admin:secret').toString('base64')}` };
      const status = (await (await fetch(`${url}/api/v2.0/system/status`, { headers: auth })).json()) as {
        status: string;
      };
      expect(status.status).to.equal('ok');
      cli.send('fault link-loss');
      expect(await cli.nextLine()).to.equal('ok: fault link-loss on');
      cli.send('status');
      expect(await cli.nextLine()).to.equal('faults: overheat, link-loss');
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
