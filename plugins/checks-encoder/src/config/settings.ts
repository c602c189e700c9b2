import type { ChecksEncoderConfig, DeepPartial, Override } from './schema.js';
import type { CheckSettings } from './sections.js';
import { settingsProblem } from './validate.js';
import { EmError } from '@encoder-manager/sdk';

/** Resolves the settings of one encoder: the base config with every matching override merged in order. */
export class SettingsResolver {
  readonly #base: CheckSettings;
  readonly #overrides: readonly Override[];
  readonly #cache = new Map<string, CheckSettings>();

  /** Throws `EM_CONFIG_INVALID` when the base or any override (applied to the base) is inconsistent. */
  constructor(config: ChecksEncoderConfig) {
    const { overrides, ...base } = config;
    this.#base = base;
    this.#overrides = overrides;
    assertConsistent(base, 'config');
    overrides.forEach((override, index) =>
      assertConsistent(merge(base, override), `config.overrides[${index}]`),
    );
  }

  /** The settings for the encoder these check-input labels describe (`encoder`, `family`, driver labels). */
  for(labels: Readonly<Record<string, string>>): CheckSettings {
    let key = '';
    // The core builds labels in the same order for one encoder every time; another order only costs a cache entry.
    for (const name in labels) key += `${name}=${labels[name]}\n`;
    let settings = this.#cache.get(key);
    if (!settings) {
      settings = this.#overrides
        .filter((override) => matches(override, labels))
        .reduce<CheckSettings>((merged, override) => merge(merged, override), this.#base);
      this.#cache.set(key, settings);
    }
    return settings;
  }
}

function matches(override: Override, labels: Readonly<Record<string, string>>): boolean {
  const { encoders, labels: wanted } = override.match;
  const encoder = labels.encoder;
  if (encoders && (encoder === undefined || !encoders.includes(encoder))) return false;
  return Object.entries(wanted ?? {}).every(([name, value]) => labels[name] === value);
}

function merge(
  base: CheckSettings,
  override: DeepPartial<CheckSettings> & { match?: unknown },
): CheckSettings {
  const { match: _match, ...sections } = override;
  return deepMerge(base, sections) as CheckSettings;
}

/** Plain objects merge key by key (so `expectedKbps` adds outputs); arrays and scalars replace. */
function deepMerge(base: unknown, patch: unknown): unknown {
  if (!isPlainObject(base) || !isPlainObject(patch)) return patch === undefined ? base : patch;
  const merged: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(patch)) merged[key] = deepMerge(base[key], value);
  return merged;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function assertConsistent(settings: CheckSettings, where: string): void {
  const problem = settingsProblem(settings);
  if (!problem) return;
  throw new EmError('EM_CONFIG_INVALID', `checks-encoder ${where}: ${problem.message}`, {
    hint: problem.hint,
    details: { path: `${where}.${problem.path}` },
  });
}
