import { Command } from 'commander';
import { SDK_VERSION } from '@encoder-manager/sdk';
import corePackage from '../../package.json' with { type: 'json' };
import { checkConfigCommand } from './commands/check-config.js';
import { migrateCommand } from './commands/migrate.js';
import { listPluginCommands, pluginCommand } from './commands/plugin-command.js';
import { pluginsCommand } from './commands/plugins.js';
import { startCommand } from './commands/start.js';
import { BUILT_IN, splitPluginCommand } from './plugin-words.js';
import { runCommand } from './run.js';

const program = new Command('encoder-manager')
  .description('Monitors live video encoders, fails over to backups and tells the right people.')
  .version(
    `encoder-manager ${corePackage.version} (sdk ${SDK_VERSION}, node ${process.version})`,
    '-v, --version',
  )
  .option(
    '-c, --config <file|url>',
    'config file or http(s) URL (default: $CONFIG_URL, then ./encoder-manager.yaml)',
  )
  .showHelpAfterError('(run encoder-manager --help for usage)')
  .addHelpText(
    'after',
    `
Examples:
  encoder-manager start                       run the agent on ./encoder-manager.yaml
  encoder-manager check-config -c site.yaml   validate a config and list every problem
  encoder-manager plugins                     list installed and configured plugins
  encoder-manager commands                    list commands the enabled plugins add (e.g. meetings, notify)
  DATABASE_URL=postgres://postgres@127.0.0.1:5432/test encoder-manager migrate`,
  );

const configOf = () => program.opts<{ config?: string }>().config;

program
  .command('start')
  .description('run the agent until SIGINT/SIGTERM')
  .action(() => runCommand(() => startCommand(configOf())));
program
  .command('check-config')
  .description('validate the config (core + every enabled plugin) and list all problems')
  .option('--json', 'print problems as JSON')
  .action((options: { json?: boolean }) =>
    runCommand(() => checkConfigCommand(configOf(), options.json === true)),
  );
program
  .command('plugins')
  .description('list installed and configured plugins with versions, kinds and states')
  .option('--json', 'print as JSON')
  .action((options: { json?: boolean }) =>
    runCommand(() => pluginsCommand(configOf(), options.json === true)),
  );
program
  .command('migrate')
  .description("apply every enabled plugin's pending migrations (safe to run again)")
  .action(() => runCommand(() => migrateCommand(configOf())));

program
  .command('commands')
  .description('list the commands the enabled plugins add to this CLI')
  .action(() => runCommand(() => listPluginCommands(configOf())));
// Any other word is a command a plugin contributes, looked up once the config is loaded. It bypasses
// commander so the plugin sees its own options (--help included).
const plugin = splitPluginCommand(process.argv.slice(2), BUILT_IN);
if (plugin) await runCommand(() => pluginCommand(plugin.config, plugin.words));
else await program.parseAsync(process.argv);
