import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** What a generated fixture plugin package looks like. */
export interface FixtureSpec {
  readonly name: string;
  readonly sdk?: string;
  readonly kind?: string;
  readonly depends?: readonly string[];
  /** JS source of the body of `async setup(ctx, config) { … }`. */
  readonly setup?: string;
  /** JSON Schema for the plugin config. */
  readonly configSchema?: Record<string, unknown>;
  /** File name → JS source (`export async function up(knex) { … }`). */
  readonly migrations?: Record<string, string>;
}

/** A fresh temporary folder for one test. */
export function tempDir(label: string): string {
  return mkdtempSync(path.join(os.tmpdir(), `em-${label}-`));
}

/**
 * Writes a real plugin package (package.json + ESM entry + migrations) to `root/<name>`. Plain JS
 * definition objects, as a third party could publish them, so the loader is tested from outside the repo.
 */
export function writeFixturePlugin(root: string, spec: FixtureSpec): string {
  const dir = path.join(root, spec.name);
  mkdirSync(dir, { recursive: true });
  const manifest = {
    name: `encoder-manager-plugin-${spec.name}`,
    version: '1.0.0',
    type: 'module',
    exports: './index.js',
  };
  writeFileSync(path.join(dir, 'package.json'), JSON.stringify(manifest, null, 2));
  writeFileSync(path.join(dir, 'index.js'), entrySource(spec));
  for (const [file, source] of Object.entries(spec.migrations ?? {})) {
    mkdirSync(path.join(dir, 'migrations'), { recursive: true });
    writeFileSync(path.join(dir, 'migrations', file), source);
  }
  return dir;
}

function entrySource(spec: FixtureSpec): string {
  const schema = spec.configSchema ?? { type: 'object', additionalProperties: true };
  return `export default {
  name: ${JSON.stringify(spec.name)},
  version: '1.0.0',
  sdk: ${JSON.stringify(spec.sdk ?? '^1.0.0')},
  kind: ${JSON.stringify(spec.kind ?? 'service')},
  depends: ${JSON.stringify(spec.depends ?? [])},
  configSchema: ${JSON.stringify(schema)},
  async setup(ctx, config) {
    ${spec.setup ?? ''}
  },
};
`;
}
