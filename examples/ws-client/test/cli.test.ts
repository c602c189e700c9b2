import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import { startTestAgent, until, type TestAgent } from './helpers/agent.js';

const CLI = fileURLToPath(new URL('../src/cli.js', import.meta.url));

describe('encoder-manager-events CLI under plain node (no tsx, no SDK)', () => {
  let a: TestAgent;
  before(async () => (a = await startTestAgent()));
  after(() => a.stop());

  it('prints each verified event as a JSON line and stops on SIGTERM', async () => {
    const env = { PATH: process.env.PATH, EM_API_URL: a.url, EM_API_KEY: a.key };
    const child = spawn(process.execPath, [CLI, 'plugin.state'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    const lines: { seq: number; type: string; data: { plugin: string } }[] = [];
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    createInterface({ input: child.stdout }).on('line', (line) => lines.push(JSON.parse(line)));
    const exited = new Promise<number | null>((resolve) => child.once('close', (code) => resolve(code)));
    try {
      // Nothing is printed before the client is connected: publish probes until one comes out.
      const probe = () =>
        a.agent.bus.publish('test', 'plugin.state', { plugin: 'probe', state: 'loaded', at: 0 });
      await until(() => lines.length > 0 || (probe(), false), 'the first line', 10_000);
      await a.publish(3);
      await until(() => lines.filter((l) => l.data.plugin.startsWith('test-')).length === 3, 'three events');
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).to.equal(0);
    expect(lines.every((l) => l.type === 'plugin.state')).to.equal(true);
    expect(stderr).to.equal('');
  });
});
