import type { Ajv } from 'ajv';
import type { TSchema } from '@encoder-manager/sdk';
import { createAjv, validateWith } from './ajv.js';
import { problemsFromAjv } from './ajv-problems.js';
import { coerceEnvValues } from './coerce.js';
import { CoreConfigSchema, type CoreConfig } from './core-schema.js';
import { parseConfigDocument, type ConfigDocument } from './document.js';
import { substituteEnv } from './env.js';
import type { ConfigProblem, ProblemDraft } from './problems.js';
import { configLocation, readConfigSource, type ConfigSource } from './source.js';
import { loadPlugins, type LoadedPlugin } from '../plugins/load.js';

/** A config that has been read, substituted, defaulted and validated together with its plugins. */
export interface LoadedConfig {
  readonly source: ConfigSource;
  readonly core: CoreConfig;
  /** Enabled plugins whose definitions and configs are valid, in config order. */
  readonly plugins: readonly LoadedPlugin[];
  /** Every problem found; the agent must not start unless this is empty. */
  readonly problems: readonly ConfigProblem[];
}

/** Where to read the config from and which environment to substitute. */
export interface LoadOptions {
  readonly location?: string;
  readonly env?: NodeJS.ProcessEnv;
}

/** Reads and validates the whole config (core + each enabled plugin) and reports all problems at once. */
export async function loadConfig(options: LoadOptions = {}): Promise<LoadedConfig> {
  const env = options.env ?? process.env;
  const source = await readConfigSource(configLocation(options.location, env));
  return loadConfigFromSource(source, env);
}

/** As {@link loadConfig}, for config text already in hand. */
export async function loadConfigFromSource(
  source: ConfigSource,
  env: NodeJS.ProcessEnv,
): Promise<LoadedConfig> {
  const document = parseConfigDocument(source.text);
  if (document.parseProblems.length > 0) {
    const problems = document.parseProblems.map((p) => ({
      ...p,
      file: source.name,
      code: p.code ?? 'EM_CONFIG_PARSE',
    }));
    return { source, core: emptyCore(), plugins: [], problems };
  }
  const substituted = substituteEnv(document.value, env);
  const ajv = createAjv();
  const data = substituted.value;
  const drafts: ProblemDraft[] = [...substituted.problems];
  drafts.push(...validateSection(ajv, CoreConfigSchema, data, substituted.fromEnv, ''));
  const core = (isObject(data) ? data : emptyCore()) as CoreConfig;
  const validateConfig = (schema: TSchema, config: unknown, prefix: string) =>
    validateSection(ajv, schema, config, substituted.fromEnv, prefix);
  const loaded = await loadPlugins(core, source.baseDir, validateConfig);
  drafts.push(...loaded.problems);
  const problems = withoutEchoes(drafts, substituted.problems.length);
  return { source, core, plugins: loaded.plugins, problems: locateAll(problems, document, source.name) };
}

/** Validates one section, coercing `${VAR}` values to the schema's scalar types first. */
function validateSection(
  ajv: Ajv,
  schema: TSchema,
  data: unknown,
  fromEnv: ReadonlySet<string>,
  prefix: string,
): ProblemDraft[] {
  let errors = validateWith(ajv, schema, data);
  if (errors.length > 0 && coerceEnvValues(data, errors, fromEnv, prefix)) {
    errors = validateWith(ajv, schema, data);
  }
  return problemsFromAjv(errors, prefix);
}

/** A value whose `${VAR}` failed also fails schema checks; report the cause (the first `envCount` drafts) only. */
function withoutEchoes(drafts: readonly ProblemDraft[], envCount: number): ProblemDraft[] {
  const envPaths = new Set(drafts.slice(0, envCount).map((draft) => draft.path));
  return drafts.filter((draft, index) => index < envCount || !envPaths.has(draft.path));
}

function locateAll(drafts: readonly ProblemDraft[], document: ConfigDocument, file: string): ConfigProblem[] {
  const located = drafts.map((draft) => ({
    ...draft,
    code: draft.code ?? 'EM_CONFIG_INVALID',
    file,
    ...document.locate(draft.path),
  }));
  // In file order, so the list reads top to bottom like the file.
  return located.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
}

function emptyCore(): CoreConfig {
  const core = {};
  validateWith(createAjv(), CoreConfigSchema, core);
  return core as CoreConfig;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
