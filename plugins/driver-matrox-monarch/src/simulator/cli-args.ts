import { parseArgs } from 'node:util';
import {
  oneOf,
  optionalNumberFlag,
  SIMULATOR_CONTROL_USAGE,
  simulatorFlags,
  type SimulatorCliPlan,
} from '@encoder-manager/sdk/simulator';
import { MONARCH_VARIANTS } from '../variants.js';
import { MONARCH_SIM_FAULTS, type MonarchSimFault } from './faults.js';
import type { MatroxMonarchSimulatorOptions } from './index.js';

/** `matrox-monarch-simulator --help`. */
export const USAGE = `Usage: matrox-monarch-simulator [options]

A simulated Matrox Monarch speaking GET /Monarch/syncconnect/sdk.aspx?command=… (plain text, Basic auth).

  --port <n>              listen port (default 8080; 0 = any free port)
  --host <addr>           listen address (default 127.0.0.1)
  --variant <hd|hdx|lcs|nvs30>   model (nvs30 answers under /NVS/syncconnect/sdk.aspx)
  --username <u>          Basic auth user (default admin)
  --password <p>          Basic auth password (default admin)
  --name <text>           the NAME field of GetStatus (default MONARCH1)
  --mode <channel=MODE>   initial mode, repeatable: stream=RTSP, record=DISABLED, enc1=NONE …
  --command-ms <ms>       how long a start/stop executes; others get RETRY meanwhile (default 200)
  --status-ms <ms>        how long GetStatus executes (default 20)
  --transition-ms <ms>    command → state change delay (default 400)
  --slow-ms <ms>          reply delay under the slow fault (default 5000)
  --fault <name>          inject at start, repeatable: ${MONARCH_SIM_FAULTS.join(', ')}

${SIMULATOR_CONTROL_USAGE}`;

/** What the CLI starts. */
export type CliPlan = SimulatorCliPlan<MatroxMonarchSimulatorOptions, MonarchSimFault>;

/** Parses the command line; throws a RangeError naming the flag on a bad value. */
export function parseCliArgs(argv: readonly string[]): CliPlan {
  const { values } = parseArgs({
    args: [...argv],
    strict: true,
    options: {
      ...simulatorFlags(),
      variant: { type: 'string', default: 'hd' },
      username: { type: 'string' },
      password: { type: 'string' },
      name: { type: 'string' },
      mode: { type: 'string', multiple: true, default: [] },
      'command-ms': { type: 'string' },
      'status-ms': { type: 'string' },
      'transition-ms': { type: 'string' },
    },
  });
  const num = (flag: 'port' | 'command-ms' | 'status-ms' | 'transition-ms' | 'slow-ms') =>
    optionalNumberFlag(values[flag], `--${flag}`);
  return {
    help: values.help === true,
    options: {
      port: num('port'),
      host: values.host,
      variant: oneOf(values.variant, MONARCH_VARIANTS, '--variant'),
      username: values.username,
      password: values.password,
      name: values.name,
      modes: Object.fromEntries(values.mode.map(parseMode)),
      commandMs: num('command-ms'),
      statusMs: num('status-ms'),
      transitionMs: num('transition-ms'),
      slowMs: num('slow-ms'),
    },
    faults: values.fault.map((fault) => oneOf(fault, MONARCH_SIM_FAULTS, '--fault')),
  };
}

function parseMode(text: string): [string, string] {
  const match = /^(record|stream|enc1|enc2)=([A-Z]+)$/.exec(text);
  if (!match) throw new RangeError(`--mode takes channel=MODE (e.g. stream=RTSP), got "${text}"`);
  return [match[1]!, match[2]!];
}
