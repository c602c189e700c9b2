import { pathToFileURL } from 'node:url';
import { errorMessageOf, type PluginDefinition, type TSchema } from '@encoder-manager/sdk';
import type { CoreConfig, PluginEntry } from '../config/core-schema.js';
import { didYouMean, pointerJoin, type ProblemDraft } from '../config/problems.js';
import { checkDefinition, definitionFromModule } from './definition.js';
import { discoverPluginNames } from './discover.js';
import { orderPlugins } from './order.js';
import { candidatePackages, findPackage, searchRoots, type ResolvedPackage } from './resolve.js';

/** An enabled plugin, imported and validated, with its config defaulted. */
export interface LoadedPlugin {
  readonly name: string;
  readonly definition: PluginDefinition;
  readonly packageName: string;
  readonly packageDir: string;
  readonly entry: PluginEntry;
  readonly config: Record<string, unknown>;
}

type ValidateConfig = (schema: TSchema, config: unknown, prefix: string) => ProblemDraft[];

/** Resolves, imports and validates every enabled plugin; returns them in dependency order. */
export async function loadPlugins(
  core: CoreConfig,
  baseDir: string,
  validateConfig: ValidateConfig,
): Promise<{ plugins: LoadedPlugin[]; problems: ProblemDraft[] }> {
  const roots = searchRoots(baseDir);
  const problems: ProblemDraft[] = [];
  const plugins: LoadedPlugin[] = [];
  for (const [name, entry] of Object.entries(core.plugins ?? {})) {
    if (!isEntry(entry) || !entry.enabled) continue;
    const result = await loadOne(name, entry, roots, validateConfig);
    problems.push(...result.problems);
    if (result.plugin) plugins.push(result.plugin);
  }
  const ordered = orderPlugins(plugins);
  problems.push(...ordered.problems);
  return { plugins: ordered.plugins, problems };
}

async function loadOne(
  name: string,
  entry: PluginEntry,
  roots: readonly string[],
  validateConfig: ValidateConfig,
): Promise<{ plugin?: LoadedPlugin; problems: ProblemDraft[] }> {
  const path = pointerJoin('/plugins', name);
  const pkg = candidatePackages(name, entry.package)
    .map((candidate) => findPackage(candidate, roots))
    .find((found) => found !== undefined);
  if (!pkg) return { problems: [notFound(name, entry, path, roots)] };
  const imported = await importDefinition(pkg, path);
  if ('problems' in imported) return imported;
  const definition = imported.definition;
  if (definition.name !== name) return { problems: [nameMismatch(name, definition.name, path)] };
  const config = entry.config;
  const problems = validateConfig(definition.configSchema, config, `${path}/config`);
  if (problems.length > 0) return { problems };
  return {
    plugin: { name, definition, packageName: pkg.packageName, packageDir: pkg.packageDir, entry, config },
    problems,
  };
}

async function importDefinition(
  pkg: ResolvedPackage,
  path: string,
): Promise<{ definition: PluginDefinition } | { problems: ProblemDraft[] }> {
  let mod: Record<string, unknown>;
  try {
    mod = (await import(pathToFileURL(pkg.entryFile).href)) as Record<string, unknown>;
  } catch (error) {
    return {
      problems: [
        {
          path,
          code: 'EM_PLUGIN_INVALID',
          message: `package "${pkg.packageName}" failed to load: ${errorMessageOf(error)}`,
          fix: `Reinstall it (npm install ${pkg.packageName}) or check its entry file ${pkg.entryFile}.`,
        },
      ],
    };
  }
  const definition = definitionFromModule(mod);
  const problems = checkDefinition(definition, path, pkg.packageName);
  return problems.length > 0 ? { problems } : { definition: definition as PluginDefinition };
}

function notFound(name: string, entry: PluginEntry, path: string, roots: readonly string[]): ProblemDraft {
  const installed = discoverPluginNames(roots);
  const guess = didYouMean(name, installed);
  const tried = candidatePackages(name, entry.package).join(' or ');
  return {
    path,
    code: 'EM_PLUGIN_NOT_FOUND',
    message: `unknown plugin "${name}": no package ${tried} is installed`,
    expected: installed.length > 0 ? `an installed plugin: ${installed.join(', ')}` : 'an installed plugin',
    found: JSON.stringify(name),
    fix: guess
      ? `Did you mean "${guess}"? Rename the key.`
      : `Install it (npm install ${candidatePackages(name, entry.package).at(-1)}) or set "package:" to its npm name.`,
  };
}

function nameMismatch(key: string, actual: string, path: string): ProblemDraft {
  return {
    path,
    code: 'EM_PLUGIN_INVALID',
    message: `the config key "${key}" loads a plugin named "${actual}"`,
    fix: `Rename the key to "${actual}" so logs, tables and dependencies use one name.`,
  };
}

function isEntry(value: unknown): value is PluginEntry {
  return typeof value === 'object' && value !== null && 'enabled' in value;
}
