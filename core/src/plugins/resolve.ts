import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { exports as resolveExports, legacy } from 'resolve.exports';

/** An installed plugin package, located on disk. */
export interface ResolvedPackage {
  readonly packageName: string;
  readonly packageDir: string;
  readonly entryFile: string;
  readonly version: string;
}

interface PackageJson {
  name?: string;
  version?: string;
  main?: string;
  exports?: unknown;
  keywords?: string[];
}

/** The core package's own folder: workspace plugins and npm installs next to the agent are found from here. */
const CORE_DIR = fileURLToPath(new URL('../../', import.meta.url));

/** Folders whose `node_modules` (and their parents') are searched: the config's folder first, then the agent's. */
export function searchRoots(baseDir: string): string[] {
  return [...new Set([path.resolve(baseDir), CORE_DIR])];
}

/** Package names tried for a plugin name, in order, unless the config names the package explicitly. */
export function candidatePackages(pluginName: string, explicit: string | undefined): string[] {
  if (explicit) return [explicit];
  return [`@encoder-manager/plugin-${pluginName}`, `encoder-manager-plugin-${pluginName}`];
}

/** Finds a package by npm name (walking up `node_modules` from each root) or by path. */
export function findPackage(nameOrPath: string, roots: readonly string[]): ResolvedPackage | undefined {
  const isPath = nameOrPath.startsWith('.') || path.isAbsolute(nameOrPath);
  const dirs = isPath
    ? roots.slice(0, 1).map((root) => path.resolve(root, nameOrPath))
    : roots.flatMap((root) => ancestors(root).map((dir) => path.join(dir, 'node_modules', nameOrPath)));
  for (const dir of dirs) {
    const manifest = readManifest(dir);
    if (manifest) return describePackage(dir, manifest, nameOrPath);
  }
  return undefined;
}

function describePackage(dir: string, manifest: PackageJson, requested: string): ResolvedPackage {
  const entry = entryOf(manifest);
  return {
    packageName: manifest.name ?? requested,
    packageDir: dir,
    entryFile: path.resolve(dir, entry),
    version: manifest.version ?? '0.0.0',
  };
}

function entryOf(manifest: PackageJson): string {
  const fromExports = manifest.exports
    ? resolveExports(manifest, '.', { conditions: ['import', 'node'], unsafe: false })?.[0]
    : undefined;
  const fromLegacy = legacy(manifest);
  return fromExports ?? (typeof fromLegacy === 'string' ? fromLegacy : undefined) ?? 'index.js';
}

/** Reads `<dir>/package.json`, or undefined when there is none. */
export function readManifest(dir: string): PackageJson | undefined {
  const file = path.join(dir, 'package.json');
  if (!existsSync(file)) return undefined;
  return JSON.parse(readFileSync(file, 'utf8')) as PackageJson;
}

/** `dir` and each of its parents up to the filesystem root. */
export function ancestors(dir: string): string[] {
  const out: string[] = [];
  for (let current = path.resolve(dir); ; current = path.dirname(current)) {
    out.push(current);
    if (path.dirname(current) === current) return out;
  }
}
