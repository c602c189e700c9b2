import { loadConfig } from '../../config/load.js';
import { formatProblems } from '../../config/problems.js';

/** Validates the config; prints every problem; exit 0 when valid, 1 otherwise. */
export async function checkConfigCommand(location: string | undefined, json: boolean): Promise<number> {
  const config = await loadConfig({ location });
  const { problems } = config;
  if (json) {
    process.stdout.write(
      `${JSON.stringify({ file: config.source.name, valid: problems.length === 0, problems }, null, 2)}\n`,
    );
  } else if (problems.length > 0) {
    process.stderr.write(`${formatProblems(problems)}\n`);
  } else {
    const names = config.plugins.map((plugin) => `${plugin.name}@${plugin.definition.version}`).join(', ');
    process.stdout.write(
      `${config.source.name}: valid (${config.plugins.length} plugin(s): ${names || 'none'})\n`,
    );
  }
  return problems.length === 0 ? 0 : 1;
}
