import { readdirSync } from 'node:fs';
import path from 'node:path';
import { ancestors } from './resolve.js';

const OFFICIAL_SCOPE = '@encoder-manager';
const OFFICIAL_PREFIX = 'plugin-';
const THIRD_PARTY_PREFIX = 'encoder-manager-plugin-';

/**
 * Names of every installed plugin reachable from the roots (official `@encoder-manager/plugin-*` and
 * third-party `[@scope/]encoder-manager-plugin-*`), for listings and "did you mean".
 */
export function discoverPluginNames(roots: readonly string[]): string[] {
  const names = new Set<string>();
  for (const root of roots) {
    for (const dir of ancestors(root)) collectFrom(path.join(dir, 'node_modules'), names);
  }
  return [...names].sort();
}

function collectFrom(nodeModules: string, names: Set<string>): void {
  for (const entry of list(nodeModules)) {
    if (entry.startsWith(THIRD_PARTY_PREFIX)) names.add(entry.slice(THIRD_PARTY_PREFIX.length));
    if (!entry.startsWith('@')) continue;
    for (const scoped of list(path.join(nodeModules, entry))) {
      if (entry === OFFICIAL_SCOPE && scoped.startsWith(OFFICIAL_PREFIX)) {
        names.add(scoped.slice(OFFICIAL_PREFIX.length));
      } else if (scoped.startsWith(THIRD_PARTY_PREFIX)) {
        names.add(scoped.slice(THIRD_PARTY_PREFIX.length));
      }
    }
  }
}

function list(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}
