import { cliCommandsRef, type CliCommand } from '@encoder-manager/sdk';
import { startAgent } from '../../agent.js';
import { loadConfig } from '../../config/load.js';
import { formatProblems } from '../../config/problems.js';
import { createLogger } from '../../log/logger.js';

const io = {
  out: (line: string) => void process.stdout.write(`${line}\n`),
  err: (line: string) => void process.stderr.write(`${line}\n`),
};

/**
 * Runs a command a plugin contributes (e.g. `meetings scrape`): plugins are set up without `ready()`,
 * the command runs, plugins stop. Logs go to stderr at warn level so stdout stays the command's output.
 */
export async function pluginCommand(location: string | undefined, words: readonly string[]): Promise<number> {
  const [name, ...args] = words;
  const config = await loadConfig({ location });
  if (config.problems.length > 0) {
    io.err(formatProblems(config.problems));
    return 1;
  }
  const log = createLogger({ level: 'warn', pretty: 'never', destination: process.stderr });
  const agent = await startAgent(config, { mode: 'command', log });
  try {
    const commands = agent.services.useAll(cliCommandsRef);
    const command = commands.find((candidate) => candidate.name === name);
    if (!command) return unknown(name, commands);
    if (args.includes('--help') || args.includes('-h')) {
      io.out(command.usage);
      return 0;
    }
    return await command.run(args, io, new AbortController().signal);
  } finally {
    await agent.stop();
  }
}

/** `encoder-manager commands`: what the enabled plugins add to the CLI. */
export async function listPluginCommands(location: string | undefined): Promise<number> {
  const config = await loadConfig({ location });
  if (config.problems.length > 0) {
    io.err(formatProblems(config.problems));
    return 1;
  }
  const agent = await startAgent(config, {
    mode: 'command',
    log: createLogger({ level: 'warn', pretty: 'never', destination: process.stderr }),
  });
  try {
    const commands = agent.services.useAll(cliCommandsRef);
    io.out(
      commands.length === 0
        ? 'no plugin commands'
        : commands.map((c) => `${c.name.padEnd(14)} ${c.summary}`).join('\n'),
    );
    return 0;
  } finally {
    await agent.stop();
  }
}

function unknown(name: string | undefined, commands: readonly CliCommand[]): number {
  const names = ['start', 'check-config', 'plugins', 'migrate', 'commands', ...commands.map((c) => c.name)];
  io.err(`unknown command "${name ?? ''}". Commands: ${names.join(', ')}`);
  return 2;
}
