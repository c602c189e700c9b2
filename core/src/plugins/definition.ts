import semver from 'semver';
import { PLUGIN_KINDS, SDK_VERSION, type PluginDefinition } from '@encoder-manager/sdk';
import type { ProblemDraft } from '../config/problems.js';

const KEBAB = /^[a-z0-9][a-z0-9-]*$/;

/** Picks the plugin definition out of a module: the default export, else the only `*Plugin` export. */
export function definitionFromModule(mod: Record<string, unknown>): unknown {
  if (mod.default !== undefined) return mod.default;
  const named = Object.entries(mod).filter(([key]) => key.endsWith('Plugin'));
  return named.length === 1 ? named[0]?.[1] : undefined;
}

/**
 * Checks a definition before any of its code runs. Returns problems (empty when valid) so
 * `check-config` can list them together with config mistakes.
 */
export function checkDefinition(value: unknown, path: string, packageName: string): ProblemDraft[] {
  if (!isRecord(value)) {
    return [
      invalid(
        path,
        packageName,
        'does not export a plugin definition',
        'export default definePlugin({...}) from its entry file',
      ),
    ];
  }
  const problems = shapeProblems(value, path, packageName);
  if (problems.length > 0) return problems;
  return sdkRangeProblems(value as unknown as PluginDefinition, path);
}

function shapeProblems(def: Record<string, unknown>, path: string, pkg: string): ProblemDraft[] {
  const checks: [boolean, string][] = [
    [typeof def.name === 'string' && KEBAB.test(def.name), 'a kebab-case `name`'],
    [typeof def.version === 'string' && semver.valid(def.version) !== null, 'a semver `version`'],
    [
      typeof def.sdk === 'string' && semver.validRange(def.sdk) !== null,
      'a semver range in `sdk`, e.g. "^1.0.0"',
    ],
    [PLUGIN_KINDS.includes(def.kind as never), `a \`kind\` of ${PLUGIN_KINDS.join(', ')}`],
    [isRecord(def.configSchema), 'a JSON Schema object in `configSchema`'],
    [typeof def.setup === 'function', 'a `setup(ctx, config)` function'],
    [def.depends === undefined || isStringArray(def.depends), '`depends` as an array of plugin names'],
  ];
  return checks
    .filter(([ok]) => !ok)
    .map(([, needed]) =>
      invalid(path, pkg, `lacks ${needed}`, 'fix the plugin package or install a working version'),
    );
}

function sdkRangeProblems(def: PluginDefinition, path: string): ProblemDraft[] {
  if (semver.satisfies(SDK_VERSION, def.sdk, { includePrerelease: true })) return [];
  return [
    {
      path,
      code: 'EM_PLUGIN_SDK_RANGE',
      message: `plugin "${def.name}" ${def.version} requires SDK ${def.sdk}, but this agent provides SDK ${SDK_VERSION}`,
      expected: `a plugin version whose sdk range includes ${SDK_VERSION}`,
      found: `sdk: "${def.sdk}"`,
      fix: `Install a release of "${def.name}" built for SDK ${semver.major(SDK_VERSION)}.x, or run an agent whose SDK satisfies ${def.sdk}.`,
    },
  ];
}

function invalid(path: string, pkg: string, what: string, fix: string): ProblemDraft {
  return {
    path,
    code: 'EM_PLUGIN_INVALID',
    message: `package "${pkg}" ${what}`,
    fix: `${fix[0]?.toUpperCase()}${fix.slice(1)}.`,
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}
