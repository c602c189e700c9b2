import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';

const CLI = fileURLToPath(new URL('../core/bin/encoder-manager.js', import.meta.url));

interface LogLine {
  msg: string;
  plugin?: string;
  component?: string;
  encoder?: string;
}

describe('encoder-manager start (as npm start runs it)', function () {
  this.timeout(60_000);

  it('loads plugins, logs simulated samples, and stops cleanly with exit 0 on SIGINT', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'em-start-'));
    const config = path.join(dir, 'encoder-manager.yaml');
    writeFileSync(
      config,
      'log:\n  summaryIntervalSec: 1\nplugins:\n  driver-simulated:\n    config:\n      encoders: 2\n      pollIntervalMs: 250\n',
    );
    const child = spawn(process.execPath, [CLI, 'start', '--config', config], {
      env: { ...process.env, DATABASE_URL: '' },
    });
    const lines: LogLine[] = [];
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    let buffered = '';
    child.stdout.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const parts = buffered.split('\n');
      buffered = parts.pop() ?? '';
      for (const part of parts.filter(Boolean)) lines.push(JSON.parse(part) as LogLine);
    });
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    await waitFor(() => lines.some((line) => line.msg.includes('|') && line.component === 'poller'), 30_000);
    child.kill('SIGINT');
    const code = await exited;

    expect(stderr).to.equal('');
    expect(code).to.equal(0);
    expect(lines.some((line) => line.plugin === 'driver-simulated' && line.msg === 'plugin loaded')).to.equal(
      true,
    );
    expect(lines.some((line) => line.msg === 'agent ready')).to.equal(true);
    expect(
      lines.some((line) => line.encoder === 'sim-1' && /sim-1: stream=active .*kbps .*°C/.test(line.msg)),
    ).to.equal(true);
    expect(lines.at(-1)?.msg).to.equal('stopped cleanly');
  });
});

async function waitFor(condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out waiting for the agent');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
