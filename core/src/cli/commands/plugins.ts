import { loadConfig } from '../../config/load.js';
import { formatProblems } from '../../config/problems.js';
import { discoverPluginNames } from '../../plugins/discover.js';
import { searchRoots } from '../../plugins/resolve.js';

interface Row {
  name: string;
  version: string;
  kind: string;
  package: string;
  state: string;
}

/**
 * Lists configured plugins (resolved, with version and kind; `disabled` when switched off) and the other
 * installed plugins. Runtime states of a running agent come from its logs and API.
 */
export async function pluginsCommand(location: string | undefined, json: boolean): Promise<number> {
  const config = await loadConfig({ location });
  const rows: Row[] = config.plugins.map((plugin) => ({
    name: plugin.name,
    version: plugin.definition.version,
    kind: plugin.definition.kind,
    package: plugin.packageName,
    state: 'enabled',
  }));
  for (const [name, entry] of Object.entries(config.core.plugins)) {
    if (!entry.enabled)
      rows.push({ name, version: '-', kind: '-', package: entry.package ?? '-', state: 'disabled' });
  }
  const configured = new Set(Object.keys(config.core.plugins));
  for (const name of discoverPluginNames(searchRoots(config.source.baseDir))) {
    if (!configured.has(name))
      rows.push({ name, version: '-', kind: '-', package: '-', state: 'installed, not configured' });
  }
  process.stdout.write(json ? `${JSON.stringify(rows, null, 2)}\n` : `${table(rows)}\n`);
  if (config.problems.length > 0) process.stderr.write(`\n${formatProblems(config.problems)}\n`);
  return config.problems.length === 0 ? 0 : 1;
}

function table(rows: readonly Row[]): string {
  const header: Row = { name: 'NAME', version: 'VERSION', kind: 'KIND', package: 'PACKAGE', state: 'STATE' };
  const all = [header, ...rows];
  const keys = Object.keys(header) as (keyof Row)[];
  const widths = keys.map((key) => Math.max(...all.map((row) => row[key].length)));
  return all
    .map((row) =>
      keys
        .map((key, index) => row[key].padEnd(widths[index] ?? 0))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}
