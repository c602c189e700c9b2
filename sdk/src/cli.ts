import { createServiceRef } from './services.js';

/** Where a CLI command writes; lines without a trailing newline. */
export interface CliIo {
  out(line: string): void;
  err(line: string): void;
}

/**
 * A subcommand a plugin adds to the `encoder-manager` CLI, e.g. `encoder-manager meetings scrape`.
 * The CLI loads the config, sets every plugin up (without `ready()`, so no servers or loops start), runs
 * the command, then stops the plugins.
 */
export interface CliCommand {
  /** The first CLI word, e.g. `meetings`; must not clash with built-in commands. */
  readonly name: string;
  /** One line for `encoder-manager --help`. */
  readonly summary: string;
  /** Usage text printed for `encoder-manager <name> --help`. */
  readonly usage: string;
  /** Runs with the words after the command name; resolves to the exit code. */
  run(args: readonly string[], io: CliIo, signal: AbortSignal): Promise<number>;
}

/** Every CLI command the enabled plugins provide. */
export const cliCommandsRef = createServiceRef<CliCommand>({ id: 'core.cliCommands', multiple: true });
