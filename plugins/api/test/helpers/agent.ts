import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cliCommandsRef, type Clock } from '@encoder-manager/sdk';
import { loadConfigFromSource, startAgent, type Agent } from '@encoder-manager/core';
import type { TestBackend } from '../../../../core/test/helpers/databases.js';

export { testBackends, type TestBackend } from '../../../../core/test/helpers/databases.js';

/** A free TCP port on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** Options for a test agent. */
export interface ApiAgentOptions {
  /** `plugins.api.config`, merged over test defaults (port, no 401 delay unless given). */
  readonly api?: Record<string, unknown>;
  /** More YAML under `plugins:` (failover, notifications …), indented by 2 spaces. */
  readonly plugins?: string;
  readonly backend?: TestBackend;
  readonly clock?: Clock;
  readonly env?: NodeJS.ProcessEnv;
  /** Agent log level; default `error`. */
  readonly logLevel?: string;
}

/** A running agent with the api plugin on 127.0.0.1. */
export interface ApiAgent {
  readonly agent: Agent;
  readonly url: string;
  readonly port: number;
  /** Runs `encoder-manager keys …` in-process through the plugin's CLI command. */
  keysCli(args: readonly string[]): Promise<{ code: number; out: string[]; err: string[] }>;
  /** Creates a key through the CLI; returns its id and secret. */
  createKey(
    scope: string,
    options?: { sites?: string[]; name?: string; expiresIn?: string },
  ): Promise<{ id: string; key: string }>;
  stop(): Promise<void>;
}

const SIMULATED = `
  driver-simulated:
    config:
      pollIntervalMs: 250
      encoders:
        - { id: hq-1, labels: { site: hq, room: a } }
        - { id: hq-2, labels: { site: hq, room: b } }
        - { id: north-1, labels: { site: north } }`;

/** Starts driver-simulated + api (+ `plugins`) on a fresh store from a config text, as the CLI would. */
export async function startApiAgent(options: ApiAgentOptions = {}): Promise<ApiAgent> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'em-api-'));
  const api = { listen: { host: '127.0.0.1', port }, keys: { failureDelayMs: 0 }, ...options.api };
  const text = `agent: { dataDir: ${dir} }
log: { level: ${options.logLevel ?? 'error'}, summaryIntervalSec: 0 }
alerts: { forMs: 0, holdDownMs: 0, groupWaitMs: 0 }
plugins:${SIMULATED}
  api:
    config: ${JSON.stringify(api)}
${options.plugins ?? ''}`;
  const env = {
    ...process.env,
    DATABASE_URL: options.backend?.url ?? '',
    DATABASE_SCHEMA: options.backend?.schema ?? '',
    ...options.env,
  };
  const config = await loadConfigFromSource({ name: 'api-test.yaml', baseDir: dir, text }, env);
  if (config.problems.length > 0) throw new Error(JSON.stringify(config.problems, null, 2));
  const agent = await startAgent(config, { env, clock: options.clock });
  const keysCli = async (args: readonly string[]) => {
    const command = agent.services.useAll(cliCommandsRef).find((c) => c.name === 'keys')!;
    const out: string[] = [];
    const err: string[] = [];
    const code = await command.run(
      args,
      { out: (l) => out.push(l), err: (l) => err.push(l) },
      new AbortController().signal,
    );
    return { code, out, err };
  };
  return {
    agent,
    port,
    url: `http://127.0.0.1:${port}`,
    keysCli,
    async createKey(scope, opts = {}) {
      const sites = (opts.sites ?? []).flatMap((site) => ['--site', site]);
      const expires = opts.expiresIn ? ['--expires-in', opts.expiresIn] : [];
      const result = await keysCli([
        'create',
        '--name',
        opts.name ?? `${scope}-key`,
        '--scope',
        scope,
        ...sites,
        ...expires,
        '--json',
      ]);
      if (result.code !== 0) throw new Error(result.err.join('\n'));
      return JSON.parse(result.out[0]!) as { id: string; key: string };
    },
    stop: () => agent.stop(),
  };
}

/** fetch with a key; JSON body when `body` is given. */
export async function call(
  base: string,
  method: string,
  path: string,
  key?: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: Headers; json: unknown; text: string }> {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: {
      ...(key ? { Authorization: `Bearer ${key}` } : {}),
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      ...headers,
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: response.headers, json, text };
}
