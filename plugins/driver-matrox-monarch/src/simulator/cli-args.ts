import { parseArgs } from 'node:util';
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

Control at run time: POST a command line to http://<host>:<port>/__sim, or type it on stdin.
Type "help" for the commands.`;

/** What the CLI starts. */
export interface CliPlan {
  readonly help: boolean;
  readonly options: MatroxMonarchSimulatorOptions;
  readonly faults: readonly MonarchSimFault[];
}

/** Parses the command line; throws a RangeError naming the flag on a bad value. */
export function parseCliArgs(argv: readonly string[]): CliPlan {
  const { values } = parseArgs({
    args: [...argv],
    strict: true,
    options: {
      help: { type: 'boolean', short: 'h' },
      port: { type: 'string', default: '8080' },
      host: { type: 'string', default: '127.0.0.1' },
      variant: { type: 'string', default: 'hd' },
      username: { type: 'string' },
      password: { type: 'string' },
      name: { type: 'string' },
      mode: { type: 'string', multiple: true, default: [] },
      'command-ms': { type: 'string' },
      'status-ms': { type: 'string' },
      'transition-ms': { type: 'string' },
      'slow-ms': { type: 'string' },
      fault: { type: 'string', multiple: true, default: [] },
    },
  });
  const num = (flag: 'port' | 'command-ms' | 'status-ms' | 'transition-ms' | 'slow-ms') =>
    optionalNumber(values[flag], `--${flag}`);
  return {
    help: values.help === true,
    options: {
      port: num('port'),
      host: values.host,
      variant: pick(values.variant, MONARCH_VARIANTS, '--variant'),
      username: values.username,
      password: values.password,
      name: values.name,
      modes: Object.fromEntries(values.mode.map(parseMode)),
      commandMs: num('command-ms'),
      statusMs: num('status-ms'),
      transitionMs: num('transition-ms'),
      slowMs: num('slow-ms'),
    },
    faults: values.fault.map((fault) => pick(fault, MONARCH_SIM_FAULTS, '--fault')),
  };
}

function parseMode(text: string): [string, string] {
  const match = /^(record|stream|enc1|enc2)=([A-Z]+)$/.exec(text);
  if (!match) throw new RangeError(`--mode takes channel=MODE (e.g. stream=RTSP), got "${text}"`);
  return [match[1]!, match[2]!];
}

function optionalNumber(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const number = Number(value);
  if (value.trim() === '' || !Number.isFinite(number))
    throw new RangeError(`${flag} needs a number, got "${value}"`);
  return number;
}

function pick<const T extends string>(value: string, allowed: readonly T[], flag: string): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new RangeError(`${flag} must be one of ${allowed.join(', ')}; got "${value}"`);
}
