import type { ProblemDraft } from '../config/problems.js';
import type { LoadedPlugin } from './load.js';

/**
 * Orders plugins so each comes after everything it depends on (stable: config order otherwise).
 * A dependency that is not enabled, or a cycle, becomes a problem naming the plugins involved.
 */
export function orderPlugins(plugins: readonly LoadedPlugin[]): {
  plugins: LoadedPlugin[];
  problems: ProblemDraft[];
} {
  const byName = new Map(plugins.map((plugin) => [plugin.name, plugin]));
  const problems = missingDependencies(plugins, byName);
  const ordered: LoadedPlugin[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (plugin: LoadedPlugin, trail: string[]): void => {
    if (state.get(plugin.name) === 'done') return;
    if (state.get(plugin.name) === 'visiting') {
      problems.push(cycleProblem([...trail.slice(trail.indexOf(plugin.name)), plugin.name]));
      return;
    }
    state.set(plugin.name, 'visiting');
    for (const dependency of plugin.definition.depends ?? []) {
      const target = byName.get(dependency);
      if (target) visit(target, [...trail, plugin.name]);
    }
    state.set(plugin.name, 'done');
    ordered.push(plugin);
  };
  for (const plugin of plugins) visit(plugin, []);
  return { plugins: ordered, problems };
}

function missingDependencies(
  plugins: readonly LoadedPlugin[],
  byName: ReadonlyMap<string, LoadedPlugin>,
): ProblemDraft[] {
  return plugins.flatMap((plugin) =>
    (plugin.definition.depends ?? [])
      .filter((dependency) => !byName.has(dependency))
      .map((dependency) => ({
        path: `/plugins/${plugin.name}`,
        code: 'EM_PLUGIN_DEPENDENCY_MISSING',
        message: `plugin "${plugin.name}" depends on "${dependency}", which is not enabled`,
        fix: `Add "${dependency}" under plugins: (or set enabled: true on it).`,
      })),
  );
}

function cycleProblem(cycle: readonly string[]): ProblemDraft {
  return {
    path: `/plugins/${cycle[0] ?? ''}`,
    code: 'EM_PLUGIN_DEPENDENCY_CYCLE',
    message: `plugin dependencies form a cycle: ${cycle.join(' → ')}`,
    fix: 'Break the cycle: move the shared contract into a service ref one side provides and the other uses after ready().',
  };
}
