import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import { SDK_VERSION } from '@encoder-manager/sdk';
import { loadConfigFromSource } from '../../src/config/load.js';
import { tempDir, writeFixturePlugin, type FixtureSpec } from '../helpers/fixture-plugins.js';

/** Writes fixture plugins and a config enabling each by package path; returns the loaded config. */
async function loadWith(specs: FixtureSpec[], extraYaml = '') {
  const root = tempDir('plugins');
  const entries = specs.map((spec) => {
    const dir = writeFixturePlugin(root, spec);
    return `  ${spec.name}:\n    package: ${dir}\n    failurePolicy: disable`;
  });
  const text = `plugins:\n${entries.join('\n')}\n${extraYaml}`;
  writeFileSync(path.join(root, 'encoder-manager.yaml'), text);
  return loadConfigFromSource({ name: 'encoder-manager.yaml', baseDir: root, text }, {});
}

describe('plugin loading', () => {
  it('refuses a plugin whose sdk range excludes this SDK, naming both versions', async () => {
    const config = await loadWith([{ name: 'from-the-future', sdk: '^2.0.0' }]);
    expect(config.plugins).to.have.length(0);
    const [problem] = config.problems;
    expect(problem?.code).to.equal('EM_PLUGIN_SDK_RANGE');
    expect(problem?.message).to.equal(
      `plugin "from-the-future" 1.0.0 requires SDK ^2.0.0, but this agent provides SDK ${SDK_VERSION}`,
    );
    expect(problem?.fix).to.contain('built for SDK 1.x');
  });

  it('loads a third-party package by path and validates its config against its own schema', async () => {
    const schema = {
      type: 'object',
      properties: { url: { type: 'string', format: 'uri' }, retries: { type: 'integer', default: 3 } },
      required: ['url'],
      additionalProperties: false,
    };
    const config = await loadWith([{ name: 'webhook', configSchema: schema }]);
    expect(config.problems.map((p) => p.path)).to.deep.equal(['/plugins/webhook/config/url']);
    expect(config.problems[0]?.message).to.equal('missing required key "url"');
  });

  it('applies schema defaults to plugin config', async () => {
    const schema = {
      type: 'object',
      properties: { retries: { type: 'integer', default: 3 } },
      additionalProperties: false,
    };
    const config = await loadWith([{ name: 'defaults', configSchema: schema }]);
    expect(config.problems).to.deep.equal([]);
    expect(config.plugins[0]?.config).to.deep.equal({ retries: 3 });
    expect(config.plugins[0]?.packageName).to.equal('encoder-manager-plugin-defaults');
  });

  it('orders plugins by depends', async () => {
    const config = await loadWith([
      { name: 'api', depends: ['notifications'] },
      { name: 'notifications', depends: ['store-helper'] },
      { name: 'store-helper' },
    ]);
    expect(config.problems).to.deep.equal([]);
    expect(config.plugins.map((p) => p.name)).to.deep.equal(['store-helper', 'notifications', 'api']);
  });

  it('reports a dependency cycle with the whole cycle', async () => {
    const config = await loadWith([
      { name: 'alpha', depends: ['beta'] },
      { name: 'beta', depends: ['gamma'] },
      { name: 'gamma', depends: ['alpha'] },
    ]);
    const cycle = config.problems.find((p) => p.code === 'EM_PLUGIN_DEPENDENCY_CYCLE');
    expect(cycle?.message).to.equal('plugin dependencies form a cycle: alpha → beta → gamma → alpha');
  });

  it('reports a dependency that is not enabled', async () => {
    const config = await loadWith([{ name: 'lonely', depends: ['notifications'] }]);
    expect(config.problems[0]).to.include({ code: 'EM_PLUGIN_DEPENDENCY_MISSING', path: '/plugins/lonely' });
  });

  it('reports an invalid definition without running any plugin code', async () => {
    const config = await loadWith([
      { name: 'bad-kind', kind: 'widget', setup: 'throw new Error("must not run")' },
    ]);
    expect(config.problems[0]).to.include({ code: 'EM_PLUGIN_INVALID' });
    expect(config.problems[0]?.message).to.contain(
      'lacks a `kind` of driver, check, remediation, notifier, scraper, service',
    );
  });

  it('reports a package that throws while loading', async () => {
    const root = tempDir('broken');
    const dir = writeFixturePlugin(root, { name: 'broken' });
    writeFileSync(path.join(dir, 'index.js'), 'throw new Error("syntax of doom");');
    const text = `plugins:\n  broken:\n    package: ${dir}\n`;
    const config = await loadConfigFromSource({ name: 'c.yaml', baseDir: root, text }, {});
    expect(config.problems[0]?.message).to.contain('failed to load: syntax of doom');
  });

  it('skips plugins with enabled: false entirely', async () => {
    const config = await loadWith(
      [],
      'plugins:\n  not-installed-anywhere:\n    enabled: false\n'.replace('plugins:\n', ''),
    );
    expect(config.problems).to.deep.equal([]);
    expect(config.plugins).to.deep.equal([]);
  });
});
