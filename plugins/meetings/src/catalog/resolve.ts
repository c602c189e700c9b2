import { EmError } from '@encoder-manager/sdk';
import { IANAZone } from 'luxon';
import type { MeetingsConfig, SourceConfig } from '../config.js';
import { groupKey, type SourceEntry, type SourceGroup } from '../model.js';

/**
 * The sources the plugin manages: every shipped catalog entry (enabled only when the config names it in
 * `catalog`, or `"*"`), then the station's own `sources`, which replace catalog entries of the same name.
 * Checks what the schema cannot: unique names, known catalog names, real IANA zones.
 */
export function resolveSources(
  catalog: readonly SourceConfig[],
  config: MeetingsConfig,
  defaultIntervalMin: number,
): SourceEntry[] {
  const wanted = new Set(config.catalog ?? []);
  checkCatalogNames(catalog, wanted);
  const byName = new Map<string, SourceEntry>();
  for (const entry of catalog) {
    const enabled = wanted.has('*') || wanted.has(entry.name);
    byName.set(entry.name, toEntry(entry, 'catalog', defaultIntervalMin, enabled));
  }
  const seen = new Set<string>();
  (config.sources ?? []).forEach((entry, index) => {
    if (seen.has(entry.name)) {
      throw invalid(
        `sources[${index}].name "${entry.name}" is used twice`,
        'Give every source its own name.',
      );
    }
    seen.add(entry.name);
    byName.set(entry.name, toEntry(entry, 'config', defaultIntervalMin, entry.enabled ?? true));
  });
  const entries = [...byName.values()];
  for (const entry of entries) checkZone(entry);
  return entries;
}

function toEntry(
  entry: SourceConfig,
  origin: SourceEntry['origin'],
  defaultIntervalMin: number,
  enabled: boolean,
): SourceEntry {
  return {
    name: entry.name,
    city: entry.city,
    body: entry.body,
    type: entry.type,
    url: entry.url,
    timeZone: entry.timeZone,
    priority: entry.priority ?? 1,
    merge: entry.merge ?? false,
    intervalMin: entry.intervalMin ?? defaultIntervalMin,
    enabled: enabled && (entry.enabled ?? true),
    options: entry.options ?? {},
    origin,
  };
}

function checkCatalogNames(catalog: readonly SourceConfig[], wanted: ReadonlySet<string>): void {
  const known = new Set(catalog.map((entry) => entry.name));
  const unknown = [...wanted].filter((name) => name !== '*' && !known.has(name));
  if (unknown.length > 0) {
    throw invalid(
      `catalog names unknown source(s) ${unknown.map((n) => `"${n}"`).join(', ')}`,
      `Use one of: ${[...known].sort().join(', ')}, or add the source under \`sources\`.`,
    );
  }
}

function checkZone(entry: SourceEntry): void {
  if (!IANAZone.isValidZone(entry.timeZone)) {
    throw invalid(
      `source "${entry.name}": timeZone "${entry.timeZone}" is not an IANA time zone`,
      'Use a zone such as America/Chicago or America/New_York.',
    );
  }
}

function invalid(message: string, hint: string): EmError {
  return new EmError('EM_CONFIG_INVALID', `meetings config: ${message}`, { hint });
}

/** Groups enabled sources by city and body, each group primary first (ties broken by name). */
export function groupSources(entries: readonly SourceEntry[]): SourceGroup[] {
  const groups = new Map<string, SourceEntry[]>();
  for (const entry of entries) {
    if (!entry.enabled) continue;
    const key = groupKey(entry.city, entry.body);
    groups.set(key, [...(groups.get(key) ?? []), entry]);
  }
  return [...groups].map(([key, sources]) => {
    const sorted = [...sources].sort((a, b) => a.priority - b.priority || a.name.localeCompare(b.name));
    const primary = sorted[0] as SourceEntry;
    return { key, city: primary.city, body: primary.body, sources: sorted };
  });
}
