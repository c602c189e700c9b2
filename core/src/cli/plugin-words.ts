/** Commands the core itself defines; any other first word is looked up among plugin commands. */
export const BUILT_IN: ReadonlySet<string> = new Set([
  'start',
  'check-config',
  'plugins',
  'migrate',
  'commands',
  'help',
]);

/**
 * Splits `[-c file] <word> …` into the config option and a plugin command's words, or returns undefined
 * when the first word is a built-in command, or there is none (help, version).
 */
export function splitPluginCommand(
  args: readonly string[],
  builtIn: ReadonlySet<string>,
): { config: string | undefined; words: string[] } | undefined {
  let config: string | undefined;
  for (let index = 0; index < args.length; index += 1) {
    const arg = args[index] ?? '';
    if (arg === '-c' || arg === '--config') {
      config = args[index + 1];
      index += 1;
    } else if (arg.startsWith('--config=')) {
      config = arg.slice('--config='.length);
    } else if (arg.startsWith('-')) {
      return undefined;
    } else {
      return builtIn.has(arg) ? undefined : { config, words: args.slice(index) };
    }
  }
  return undefined;
}
