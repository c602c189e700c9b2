import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import { runCli } from '../helpers/cli.js';
import { tempDir, writeFixturePlugin } from '../helpers/fixture-plugins.js';

// A plain-JS plugin (as a third party would publish) contributing `encoder-manager greet <name>`.
const GREETER_SETUP = `
  const ref = { id: 'core.cliCommands', multiplicity: 'multiple' };
  let readyCalled = false;
  ctx.provide(ref, {
    name: 'greet',
    summary: 'says hello',
    usage: 'encoder-manager greet <name>',
    async run(args, io) {
      io.out('hello ' + args.join(' ') + (readyCalled ? ' (ready ran!)' : ''));
      return args.length > 0 ? 0 : 3;
    },
  });
  return { ready() { readyCalled = true; } };`;

function station(): string {
  const root = tempDir('plugin-cmd');
  const dir = writeFixturePlugin(root, { name: 'greeter', setup: GREETER_SETUP });
  const file = path.join(root, 'encoder-manager.yaml');
  writeFileSync(
    file,
    `agent:\n  dataDir: ${path.join(root, 'data')}\nplugins:\n  greeter:\n    package: ${dir}\n`,
  );
  return file;
}

describe('plugin CLI commands', function () {
  this.timeout(60_000);

  it('runs a command a plugin provides, without calling ready(), and returns its exit code', async () => {
    const config = station();
    const ok = await runCli(['--config', config, 'greet', 'council', 'chamber']);
    expect(ok.stdout.trim()).to.equal('hello council chamber');
    expect(ok.code).to.equal(0);
    const failing = await runCli(['--config', config, 'greet']);
    expect(failing.code).to.equal(3);
  });

  it('lists plugin commands and explains an unknown one', async () => {
    const config = station();
    const list = await runCli(['--config', config, 'commands']);
    expect(list.stdout).to.match(/greet\s+says hello/);
    const unknown = await runCli(['--config', config, 'gret']);
    expect(unknown.code).to.equal(2);
    expect(unknown.stderr).to.contain('unknown command "gret"');
    expect(unknown.stderr).to.contain('greet');
  });

  it('prints a command usage for --help', async () => {
    const help = await runCli(['--config', station(), 'greet', '--help']);
    expect(help.stdout.trim()).to.equal('encoder-manager greet <name>');
  });
});
