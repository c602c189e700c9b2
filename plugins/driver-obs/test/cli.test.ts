import { expect } from 'chai';
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { ObsSimulator } from '../src/simulator/index.js';
import { driverFor } from './helpers.js';

const BIN = fileURLToPath(new URL('../bin/obs-simulator.js', import.meta.url));

describe('obs-simulator CLI', () => {
  it('serves obs-websocket on the port it prints and takes commands on stdin', async () => {
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
      const port = /listening on ws:\/\/127\.0\.0\.1:(\d+) \(auth on\)/.exec(banner)?.[1];
      expect(port, banner).to.be.a('string');
      const { driver } = driverFor({ port: Number(port), password: 'secret' } as ObsSimulator);
      expect((await driver.poll(AbortSignal.timeout(5000))).reachable).to.equal(true);
      await driver.close?.();
      child.stdin!.write('set stream active\n');
      expect((await lines.next()).value).to.equal('ok: stream active');
      child.stdin!.write('status\n');
      expect((await lines.next()).value).to.equal(
        'stream OBS_WEBSOCKET_OUTPUT_STARTED, record OBS_WEBSOCKET_OUTPUT_STOPPED, faults: overheat',
      );
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
