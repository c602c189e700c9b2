import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import { runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/fixture-plugins.js';

const FIVE_MISTAKES = `
agent:
  name: council
  dataDirr: ./data              # 1. misspelled key
log:
  level: \${EM_TEST_UNSET_LEVEL} # 2. bad env reference (not set, no default)
polling:
  intervalMs: fast              # 3. wrong type
plugins:
  driver-simulatd: {}           # 4. unknown plugin (typo)
  driver-simulated:
    config:
      encoders:
        - model: HELO           # 5. missing required "id"
`;

const VALID = `
agent:
  name: \${EM_TEST_STATION:-council}
polling:
  intervalMs: \${EM_TEST_INTERVAL}
plugins:
  driver-simulated:
    config:
      encoders: 2
`;

function writeConfig(text: string): string {
  const file = path.join(tempDir('config'), 'encoder-manager.yaml');
  writeFileSync(file, text);
  return file;
}

describe('encoder-manager check-config', function () {
  this.timeout(60_000);

  it('lists all five mistakes with paths, lines and fixes, and exits non-zero', async () => {
    const file = writeConfig(FIVE_MISTAKES);
    const result = await runCli(['check-config', '--config', file]);
    expect(result.code).to.equal(1);
    expect(result.stderr).to.contain('5 problem(s)');
    expect(result.stderr).to.match(/encoder-manager\.yaml:4:\d+\s+\/agent\/dataDirr/);
    expect(result.stderr).to.contain('Did you mean "dataDir"?');
    expect(result.stderr).to.contain('/log/level');
    expect(result.stderr).to.contain('environment variable EM_TEST_UNSET_LEVEL is not set');
    expect(result.stderr).to.contain('/polling/intervalMs');
    expect(result.stderr).to.contain('expected integer, found string "fast"');
    expect(result.stderr).to.contain('/plugins/driver-simulatd');
    expect(result.stderr).to.contain('Did you mean "driver-simulated"?');
    expect(result.stderr).to.contain('/plugins/driver-simulated/config/encoders/0/id');
    expect(result.stderr).to.contain('missing required key "id"');
  });

  it('reports the same problems as JSON with codes', async () => {
    const file = writeConfig(FIVE_MISTAKES);
    const result = await runCli(['check-config', '--json', '--config', file]);
    const report = JSON.parse(result.stdout) as {
      valid: boolean;
      problems: { path: string; code: string; line?: number }[];
    };
    expect(report.valid).to.equal(false);
    expect(report.problems.map((p) => p.path)).to.have.members([
      '/agent/dataDirr',
      '/log/level',
      '/polling/intervalMs',
      '/plugins/driver-simulatd',
      '/plugins/driver-simulated/config/encoders/0/id',
    ]);
    expect(report.problems.find((p) => p.path === '/plugins/driver-simulatd')?.code).to.equal(
      'EM_PLUGIN_NOT_FOUND',
    );
    expect(report.problems.every((p) => typeof p.line === 'number')).to.equal(true);
  });

  it('accepts a valid config, substituting ${VAR} and coercing it to the schema type', async () => {
    const file = writeConfig(VALID);
    const result = await runCli(['check-config', '--config', file], { env: { EM_TEST_INTERVAL: '1500' } });
    expect(result.stderr).to.equal('');
    expect(result.code).to.equal(0);
    expect(result.stdout).to.contain('valid (1 plugin(s): driver-simulated@');
  });

  it('names the file when it cannot be read', async () => {
    const result = await runCli(['check-config', '--config', '/nonexistent/em.yaml']);
    expect(result.code).to.equal(1);
    expect(result.stderr).to.contain('EM_CONFIG_NOT_FOUND');
    expect(result.stderr).to.contain('/nonexistent/em.yaml');
  });
});
