import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import { loadConfigFromSource } from '@encoder-manager/core';
import { configSchema } from '../src/index.js';

const PACKAGE_DIR = fileURLToPath(new URL('..', import.meta.url));

function readmeYaml(): string {
  const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
  const block = /```yaml\n([\s\S]*?)```/.exec(readme)?.[1];
  if (!block) throw new Error('README.md has no yaml example');
  return block;
}

const load = (text: string, env: NodeJS.ProcessEnv) =>
  loadConfigFromSource({ name: 'encoder-manager.yaml', baseDir: PACKAGE_DIR, text }, env);

describe('notifier-telegram config', () => {
  it('marks the bot token as a secret in the schema', () => {
    expect((configSchema.properties.token as unknown as { secret?: boolean }).secret).to.equal(true);
  });

  it('accepts the README example through the core loader and fills in defaults', async () => {
    const loaded = await load(readmeYaml(), { TELEGRAM_BOT_TOKEN: '123456:AAE-example_token' });
    expect(loaded.problems).to.deep.equal([]);
    expect(loaded.plugins[0]?.config).to.deep.include({
      apiRoot: 'https://api.telegram.org',
      requestTimeoutMs: 15000,
    });
  });

  it('reports a malformed token with its path', async () => {
    const loaded = await load('plugins:\n  notifier-telegram:\n    config:\n      token: not-a-token\n', {});
    expect(loaded.problems.map((p) => p.path)).to.include('/plugins/notifier-telegram/config/token');
  });
});
