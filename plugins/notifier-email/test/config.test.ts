import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import { loadConfigFromSource } from '@encoder-manager/core';
import { EmError } from '@encoder-manager/sdk';
import { createTestContext } from '@encoder-manager/sdk/testing';
import { configSchema, notifierEmailPlugin } from '../src/index.js';

const PACKAGE_DIR = fileURLToPath(new URL('..', import.meta.url));

function readmeYaml(): string {
  const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
  const block = /```yaml\n([\s\S]*?)```/.exec(readme)?.[1];
  if (!block) throw new Error('README.md has no yaml example');
  return block;
}

async function load(text: string, env: NodeJS.ProcessEnv = { SMTP_PASSWORD: 's3cret' }) {
  return loadConfigFromSource({ name: 'encoder-manager.yaml', baseDir: PACKAGE_DIR, text }, env);
}

describe('notifier-email config', () => {
  it('marks the password as a secret in the schema', () => {
    const auth = configSchema.properties.auth as unknown as {
      properties: { password: { secret?: boolean } };
    };
    expect(auth.properties.password.secret).to.equal(true);
  });

  it('accepts the README example through the core loader, with ${SMTP_PASSWORD} substituted', async () => {
    const loaded = await load(readmeYaml());
    expect(loaded.problems).to.deep.equal([]);
    const [plugin] = loaded.plugins;
    expect(plugin?.name).to.equal('notifier-email');
    expect(plugin?.config).to.deep.include({ security: 'starttls', port: 587 });
    expect(plugin?.config).to.have.nested.property('auth.password', 's3cret');
  });

  it('reports an unknown security mode with its path', async () => {
    const loaded = await load(
      'plugins:\n  notifier-email:\n    config:\n      host: smtp.example.org\n      from: a@b.org\n      security: ssl\n',
    );
    expect(loaded.problems.map((p) => p.path)).to.include('/plugins/notifier-email/config/security');
  });

  it('refuses a "from" without an address at setup with EM_CONFIG_INVALID', async () => {
    const t = createTestContext({ name: 'notifier-email' });
    let caught: unknown;
    try {
      await notifierEmailPlugin.setup(t.ctx, { host: 'smtp.example.org', from: 'Encoder Manager' });
    } catch (error) {
      caught = error;
    }
    await t.stop();
    expect(caught).to.be.instanceOf(EmError).with.property('code', 'EM_CONFIG_INVALID');
    expect((caught as EmError).message).to.contain('"from"');
  });
});
