import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';

const root = fileURLToPath(new URL('../../', import.meta.url));

interface RunResult {
  readonly code: number;
  readonly output: string;
}

/** Runs the API report script in check mode; a child process because it compiles and exits with a status. */
function runCheck(): Promise<RunResult> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', 'scripts/api-report.ts', '--check'],
      { cwd: root, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, output: `${stdout}${stderr}` });
      },
    );
  });
}

describe('SDK API report', function () {
  // Emitting declarations and running API Extractor twice takes several seconds on a cold cache.
  this.timeout(120_000);

  it('matches the committed sdk/api-report*.md (run `npm run api-report` after an intended API change)', async () => {
    const { code, output } = await runCheck();
    expect(code, output).to.equal(0);
  });
});
