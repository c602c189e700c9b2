import { parseArgs } from 'node:util';
import {
  oneOf,
  optionalNumberFlag,
  SIMULATOR_CONTROL_USAGE,
  simulatorFlags,
  type SimulatorCliPlan,
} from '@encoder-manager/sdk/simulator';
import { HELO_MODELS, type HeloModel } from '../config.js';
import { AJA_HELO_SIM_FAULTS, type AjaHeloSimFault } from './faults.js';
import type { AjaHeloSimulatorOptions } from './index.js';
import type { OverheatOptions } from './thermal.js';

/** `aja-helo-simulator --help`. */
export const USAGE = `Usage: aja-helo-simulator [options]

A simulated AJA HELO / HELO Plus speaking GET /config?action=get|set&paramid=… (JSON).

  --port <n>              listen port (default 8080; 0 = any free port)
  --host <addr>           listen address (default 127.0.0.1)
  --model <helo|helo-plus>
  --password <pw>         turn on the login (POST /authenticator/login, session cookie)
  --transition-ms <ms>    command → state change delay (default 300)
  --reboot-ms <ms>        503 period after a reboot (default 5000)
  --slow-ms <ms>          reply delay under the slow fault (default 5000)
  --temperature <°C>      steady temperature (default 45)
  --media <percent>       free media (default 80)
  --overheat-rate <°C/s>  start an overheating ramp at this rate
  --overheat-from <°C>    ramp start temperature (default: the steady temperature)
  --overheat-after <s>    start the ramp this many seconds after launch (default 0)
  --overheat-max <°C>     ramp ceiling (default 125)
  --fault <name>          inject at start, repeatable: ${AJA_HELO_SIM_FAULTS.join(', ')}
  --value-style <string|number>  how "value" is sent (default string)

${SIMULATOR_CONTROL_USAGE}`;

/** What the CLI starts, with the overheating ramp to begin. */
export interface CliPlan extends SimulatorCliPlan<AjaHeloSimulatorOptions, AjaHeloSimFault> {
  readonly overheat: OverheatOptions | undefined;
}

/** Parses the command line; throws a RangeError naming the flag on a bad value. */
export function parseCliArgs(argv: readonly string[]): CliPlan {
  const { values } = parseArgs({
    args: [...argv],
    strict: true,
    options: {
      ...simulatorFlags(),
      model: { type: 'string', default: 'helo' },
      password: { type: 'string' },
      'transition-ms': { type: 'string' },
      'reboot-ms': { type: 'string' },
      temperature: { type: 'string' },
      media: { type: 'string' },
      'overheat-rate': { type: 'string' },
      'overheat-from': { type: 'string' },
      'overheat-after': { type: 'string' },
      'overheat-max': { type: 'string' },
      'value-style': { type: 'string', default: 'string' },
    },
  });
  const num = (flag: keyof typeof values) =>
    optionalNumberFlag(values[flag] as string | undefined, `--${flag}`);
  const rate = num('overheat-rate');
  return {
    help: values.help === true,
    options: {
      port: num('port'),
      host: values.host,
      model: oneOf(values.model, HELO_MODELS, '--model') as HeloModel,
      password: values.password,
      transitionMs: num('transition-ms'),
      rebootMs: num('reboot-ms'),
      slowMs: num('slow-ms'),
      temperatureC: num('temperature'),
      mediaAvailablePct: num('media'),
      valueStyle: oneOf(values['value-style'], ['string', 'number'] as const, '--value-style'),
    },
    faults: values.fault.map((fault) => oneOf(fault, AJA_HELO_SIM_FAULTS, '--fault')),
    overheat:
      rate === undefined
        ? undefined
        : {
            ratePerSec: rate,
            fromC: num('overheat-from'),
            delayMs: (num('overheat-after') ?? 0) * 1000,
            maxC: num('overheat-max'),
          },
  };
}
