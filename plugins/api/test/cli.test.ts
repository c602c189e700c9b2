import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { runCli } from '../../../core/test/helpers/cli.js';
import { startApiAgent, type ApiAgent } from './helpers/agent.js';

describe('encoder-manager keys (the real CLI process)', function () {
  // Each CLI run starts an agent (tsx compile + migrations): seconds on a busy machine.
  this.timeout(90_000);
  const dir = mkdtempSync(join(tmpdir(), 'em-api-cli-'));
  const config = join(dir, 'encoder-manager.yaml');
  writeFileSync(
    config,
    `agent: { dataDir: ${dir} }\nlog: { level: warn, summaryIntervalSec: 0 }\nplugins:\n  driver-simulated: {}\n  api: { config: { listen: { port: 0 } } }\n`,
  );
  const cli = (...args: string[]) =>
    runCli(['--config', config, 'keys', ...args], { env: { DATABASE_URL: '' } });

  it('creates a key and lists it; the secret is printed once and never listed', async () => {
    const created = await cli(
      'create',
      '--name',
      'mcr-dashboard',
      '--scope',
      'operate',
      '--site',
      'hq',
      '--expires-in',
      '30d',
      '--json',
    );
    expect(created.code, created.stderr).to.equal(0);
    const { id, key } = JSON.parse(created.stdout) as { id: string; key: string };
    expect(key).to.match(/^em_api_[0-9A-Za-z]{30}_[0-9A-Za-z]{6}$/);
    const listed = await cli('list');
    expect(listed.stdout).to.match(new RegExp(`${id}  em_api_…${key.slice(-4)}  active   operate  sites=hq`));
    expect(listed.stdout).to.not.include(key);
  });
});

describe('encoder-manager keys (in-process)', () => {
  let a: ApiAgent;
  before(async () => {
    a = await startApiAgent();
  });
  after(() => a.stop());

  it('lists, rotates with a grace period and prints the new key once', async () => {
    const { id, key } = await a.createKey('read', { name: 'wall-display' });
    const listed = await a.keysCli(['list']);
    expect(listed.out.join('\n')).to.include(id).and.include('never used').and.not.include(key);
    const rotated = await a.keysCli(['rotate', id, '--grace', '1h']);
    expect(rotated.code, rotated.err.join('\n')).to.equal(0);
    expect(rotated.out[0]).to.match(new RegExp(`^rotated ${id} → key_\\w+; the old key works until`));
    expect(rotated.out[1]).to.match(/^new key \(shown once, store it now\): em_api_/);
    expect((await a.keysCli(['list'])).out.join('\n')).to.match(new RegExp(`${id} .* grace `));
    expect((await a.keysCli(['revoke', id])).out[0]).to.equal(`revoked ${id} "wall-display"`);
    expect((await a.keysCli(['list', '--all'])).out.join('\n')).to.match(new RegExp(`${id} .* revoked `));
  });

  it('explains bad input with a code and a fix, and exits non-zero', async () => {
    const scope = await a.keysCli(['create', '--name', 'x', '--scope', 'root']);
    expect(scope.code).to.equal(1);
    expect(scope.err.join('\n'))
      .to.include('EM_API_KEY_INVALID')
      .and.include('fix: Use read, operate or admin');
    expect(
      (await a.keysCli(['create', '--name', 'x', '--scope', 'read', '--expires-in', '400d'])).err.join('\n'),
    ).to.include('expiry must be 1…366 days');
    expect((await a.keysCli(['rotate', 'key_nope'])).err.join('\n')).to.include('EM_API_KEY_NOT_FOUND');
    expect((await a.keysCli(['rotate', 'key_nope', '--grace', 'soon'])).err.join('\n')).to.include(
      'is not a duration',
    );
    expect((await a.keysCli(['frobnicate'])).code).to.equal(2);
    expect((await a.keysCli(['create', '--scope', 'read'])).code).to.equal(2);
  });
});
