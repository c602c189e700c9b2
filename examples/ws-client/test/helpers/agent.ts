import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cliCommandsRef } from '@encoder-manager/sdk';
import { loadConfigFromSource, startAgent, type Agent } from '@encoder-manager/core';

/** A real agent (driver-simulated + api) on 127.0.0.1 and an API key for it. */
export interface TestAgent {
  readonly agent: Agent;
  readonly port: number;
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  readonly key: string;
  /** Where it keeps its SQLite store (and so its keys): pass it back to restart the same agent. */
  readonly dataDir: string;
  /** Publishes `count` plugin.state events on the agent's bus, a few milliseconds apart. */
  publish(count: number): Promise<void>;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

async function createKey(agent: Agent): Promise<string> {
  const keys = agent.services.useAll(cliCommandsRef).find((c) => c.name === 'keys')!;
  let out = '';
  const code = await keys.run(
    ['create', '--name', 'ws-client-test', '--scope', 'read', '--json'],
    { out: (line) => (out = line), err: () => undefined },
    new AbortController().signal,
  );
  if (code !== 0) throw new Error('keys create failed');
  return (JSON.parse(out) as { key: string }).key;
}

/**
 * Starts the agent from a config text, as the CLI does; `api` is merged into `plugins.api.config`. Pass
 * the `dataDir` and `port` of a stopped agent to restart it (same keys, new epoch).
 */
export async function startTestAgent(
  options: { api?: Record<string, unknown>; dataDir?: string; port?: number; key?: string } = {},
): Promise<TestAgent> {
  const port = options.port ?? (await freePort());
  const dir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'em-ws-client-'));
  const api = { listen: { host: '127.0.0.1', port }, keys: { failureDelayMs: 0 }, ...options.api };
  const text = `agent: { dataDir: ${dir} }
log: { level: error, summaryIntervalSec: 0 }
plugins:
  driver-simulated: { config: { encoders: 2 } }
  api: { config: ${JSON.stringify(api)} }
`;
  const env = { ...process.env, DATABASE_URL: '' };
  const config = await loadConfigFromSource({ name: 'ws-client-test.yaml', baseDir: dir, text }, env);
  if (config.problems.length > 0) throw new Error(JSON.stringify(config.problems, null, 2));
  const agent = await startAgent(config, { env });
  const key = options.key ?? (await createKey(agent));
  return {
    agent,
    port,
    url: `http://127.0.0.1:${port}`,
    key,
    dataDir: dir,
    async publish(count) {
      for (let i = 0; i < count; i += 1) {
        agent.bus.publish('test', 'plugin.state', { plugin: `test-${i}`, state: 'loaded', at: Date.now() });
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    },
    stop: () => agent.stop(),
  };
}

/** Polls until `what()` holds, or fails naming `label`. */
export async function until(what: () => boolean, label: string, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!what()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${label}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
