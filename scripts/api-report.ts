/**
 * Writes the SDK's API reports (`sdk/api-report.md`, `-testing.md`, `-simulator.md`) with API Extractor, or
 * with `--check` fails when the committed reports differ from the current source.
 *
 *   npx tsx scripts/api-report.ts           regenerate the reports
 *   npx tsx scripts/api-report.ts --check   exit 1 with a diff when a report is stale
 *
 * API Extractor reads declarations, not sources, so tsc first emits `.d.ts` files into a fresh
 * `.tmp/api-report-*` folder (removed afterwards).
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import {
  Extractor,
  ExtractorConfig,
  ExtractorLogLevel,
  type ExtractorMessage,
  type IConfigFile,
} from '@microsoft/api-extractor';
import { lineDiff } from './lib/line-diff.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const sdkDir = join(root, 'sdk');
// A folder per run, so a check started by the test suite cannot trip over a concurrent regeneration.
mkdirSync(join(root, '.tmp'), { recursive: true });
const workDir = mkdtempSync(join(root, '.tmp', 'api-report-'));
const dtsDir = join(workDir, 'dts');
const reportTempDir = join(workDir, 'reports');
const fakePackageDir = join(workDir, 'node_modules', '@encoder-manager', 'sdk');

/** One package entry point and the report that describes it. */
interface Entry {
  readonly source: string;
  readonly declaration: string;
  /** Base name API Extractor writes as `<name>.api.md`. */
  readonly reportName: string;
  /** The committed report, relative to the sdk folder. */
  readonly reportFile: string;
}

const ENTRIES: readonly Entry[] = [
  { source: 'src/index.ts', declaration: 'index.d.ts', reportName: 'main', reportFile: 'api-report.md' },
  {
    source: 'src/testing/index.ts',
    declaration: 'testing/index.d.ts',
    reportName: 'testing',
    reportFile: 'api-report-testing.md',
  },
  {
    source: 'src/simulator/index.ts',
    declaration: 'simulator/index.d.ts',
    reportName: 'simulator',
    reportFile: 'api-report-simulator.md',
  },
];

/** Renders compiler diagnostics the way tsc prints them. */
function formatDiagnostics(diagnostics: readonly ts.Diagnostic[]): string {
  return ts.formatDiagnostics(diagnostics, {
    getCanonicalFileName: (name) => name,
    getCurrentDirectory: () => root,
    getNewLine: () => '\n',
  });
}

/** Emits declarations for the entry points with the SDK's own compiler options, so the report sees what tsc sees. */
function emitDeclarations(): void {
  const parsed = ts.getParsedCommandLineOfConfigFile(
    join(sdkDir, 'tsconfig.json'),
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
        throw new Error(formatDiagnostics([diagnostic]));
      },
    },
  );
  if (!parsed) throw new Error('cannot read sdk/tsconfig.json');
  const options: ts.CompilerOptions = {
    ...parsed.options,
    rootDir: join(sdkDir, 'src'),
    outDir: dtsDir,
    declaration: true,
    emitDeclarationOnly: true,
    noEmit: false,
    // composite/incremental would write build info and demand every included file; only the entries matter here.
    composite: false,
    incremental: false,
    tsBuildInfoFile: undefined,
    declarationMap: false,
    sourceMap: false,
  };
  const program = ts.createProgram({
    rootNames: ENTRIES.map((entry) => join(sdkDir, entry.source)),
    options,
  });
  const emitted = program.emit();
  const diagnostics = [...ts.getPreEmitDiagnostics(program), ...emitted.diagnostics];
  if (diagnostics.length > 0 || emitted.emitSkipped) {
    throw new Error(`tsc failed while emitting SDK declarations:\n${formatDiagnostics(diagnostics)}`);
  }
  // The testing entry imports the main entry by package name. A copy of the declarations under a local
  // node_modules makes that name resolve to them as an external package, so the testing report imports the
  // main API instead of repeating it (the real node_modules link points at .ts sources API Extractor rejects).
  cpSync(dtsDir, fakePackageDir, { recursive: true });
  const manifest = {
    name: '@encoder-manager/sdk',
    private: true,
    type: 'module',
    exports: {
      '.': { types: './index.d.ts' },
      './testing': { types: './testing/index.d.ts' },
      './simulator': { types: './simulator/index.d.ts' },
    },
  };
  writeFileSync(join(fakePackageDir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
}

/** The API Extractor settings for one entry: report only, no rollup or doc model. */
function extractorConfig(entry: Entry): ExtractorConfig {
  const configObject: IConfigFile = {
    // Messages in the report carry paths relative to this folder, so it must not be machine-specific.
    projectFolder: dtsDir,
    mainEntryPointFilePath: join(dtsDir, entry.declaration),
    newlineKind: 'lf',
    compiler: {
      overrideTsconfig: {
        compilerOptions: {
          target: 'ES2022',
          lib: ['ES2023'],
          module: 'NodeNext',
          moduleResolution: 'NodeNext',
          strict: true,
          skipLibCheck: true,
          types: ['node'],
        },
        files: [join(dtsDir, entry.declaration)],
      },
    },
    apiReport: {
      enabled: true,
      reportFileName: entry.reportName,
      reportFolder: reportTempDir,
      reportTempFolder: reportTempDir,
      includeForgottenExports: false,
    },
    docModel: { enabled: false },
    dtsRollup: { enabled: false },
    tsdocMetadata: { enabled: false },
    messages: {
      compilerMessageReporting: { default: { logLevel: ExtractorLogLevel.Error } },
      extractorMessageReporting: {
        default: { logLevel: ExtractorLogLevel.Warning, addToApiReportFile: true },
        // The SDK versions as a whole (SDK_VERSION), so per-symbol @public/@beta tags would only add noise.
        'ae-missing-release-tag': { logLevel: ExtractorLogLevel.None, addToApiReportFile: false },
        // The report already marks each undocumented member inline; the trailing list only repeats it with line numbers.
        'ae-undocumented': { logLevel: ExtractorLogLevel.None, addToApiReportFile: false },
      },
      tsdocMessageReporting: { default: { logLevel: ExtractorLogLevel.Warning, addToApiReportFile: true } },
    },
  };
  return ExtractorConfig.prepare({
    configObject,
    configObjectFullPath: undefined,
    packageJsonFullPath: join(sdkDir, 'package.json'),
  });
}

/** Runs API Extractor on one entry and returns the report text it produced. */
function buildReport(entry: Entry): string {
  const config = extractorConfig(entry);
  const problems: string[] = [];
  const result = Extractor.invoke(config, {
    localBuild: true,
    showVerboseMessages: false,
    // Use the workspace's TypeScript rather than the one bundled with API Extractor, so both agree.
    typescriptCompilerFolder: dirname(createRequire(import.meta.url).resolve('typescript/package.json')),
    messageCallback: (message: ExtractorMessage) => {
      if (message.logLevel === ExtractorLogLevel.Error || message.logLevel === ExtractorLogLevel.Warning) {
        problems.push(`${message.logLevel}: ${message.formatMessageWithLocation(root)}`);
      }
      // Everything reaches the caller through `problems`; API Extractor's own console output is noise here.
      message.handled = true;
    },
  });
  if (problems.length > 0) process.stderr.write(`${entry.reportFile}:\n  ${problems.join('\n  ')}\n`);
  if (!result.succeeded)
    throw new Error(`API Extractor failed for ${entry.source} (${result.errorCount} errors)`);
  return readFileSync(config.reportTempFilePath, 'utf8');
}

/** Regenerates every report; with `check`, compares instead of writing. Returns the process exit code. */
function main(check: boolean): number {
  mkdirSync(reportTempDir, { recursive: true });
  emitDeclarations();
  let stale = 0;
  for (const entry of ENTRIES) {
    const fresh = buildReport(entry);
    const target = join(sdkDir, entry.reportFile);
    const committed = existsSync(target) ? readFileSync(target, 'utf8') : undefined;
    if (!check) {
      if (committed !== fresh) writeFileSync(target, fresh);
      process.stdout.write(`${committed === fresh ? 'unchanged' : 'wrote'} sdk/${entry.reportFile}\n`);
    } else if (committed === undefined) {
      stale += 1;
      process.stderr.write(`sdk/${entry.reportFile} is missing.\n`);
    } else if (committed !== fresh) {
      stale += 1;
      process.stderr.write(
        `sdk/${entry.reportFile} is stale (- committed, + current):\n${lineDiff(committed, fresh)}\n\n`,
      );
    }
  }
  if (stale > 0) {
    process.stderr.write(
      'The SDK public API changed. Review the diff, then run `npm run api-report` and commit the reports.\n',
    );
    return 1;
  }
  if (check) process.stdout.write('API reports are up to date.\n');
  return 0;
}

try {
  process.exitCode = main(process.argv.includes('--check'));
} catch (error) {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 2;
} finally {
  rmSync(workDir, { recursive: true, force: true });
}
