import { expect } from 'chai';
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../bin/epiphan-pearl-simulator.js', import.meta.url));

describe('epiphan-pearl-simulator CLI', () => {
  it('serves the API on the port it prints and takes fault commands on stdin', async () => {
    const child = spawn(
      process.execPath,
      [BIN, '--port', '0', '--password', 'secret', '--fault', 'overheat'],
      {
        stdio: ['pipe', 'pipe', 'inherit'],
      },
    );
    const lines = createInterface({ input: child.stdout! })[Symbol.asyncIterator]();
    try {
      const banner = String((await lines.next()).value);
      const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(banner)?.[1];
      expect(url, banner).to.be.a('string');
      const auth = { authorization: `Basic ${Buffer.from('admin:secret').toString('base64')}` };
      const status = (await (await fetch(`${url}/api/v2.0/system/status`, { headers: auth })).json()) as {
        status: string;
      };
      expect(status.status).to.equal('ok');
      child.stdin!.write('fault link-loss\n');
      expect((await lines.next()).value).to.equal('ok: fault link-loss on');
      child.stdin!.write('status\n');
      expect((await lines.next()).value).to.equal('faults: overheat, link-loss');
    } finally {
      child.stdin!.write('quit\n');
      await new Promise((resolve) => child.once('exit', resolve));
    }
  });

  it('rejects an unknown fault with a usage message and exit code 2', async () => {
    const child = spawn(process.execPath, [BIN, '--fault', 'melting'], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise((resolve) => child.once('exit', resolve));
    expect(code).to.equal(2);
    expect(stderr).to.contain('--fault melting: unknown fault');
  });
});
