import { MONARCH_SIM_FAULTS } from './faults.js';
import type { MatroxMonarchSimulator } from './index.js';

type Command = (sim: MatroxMonarchSimulator, args: readonly string[]) => unknown;

/** The control grammar shared by `POST /__sim` and the CLI's stdin. */
export const SIM_COMMAND_HELP = [
  'status                                  device state as JSON (and the GetStatus line)',
  'output <channel> <idle|active>          as if the front-panel button was pressed',
  'mode <channel> <RTMP|RTSP|RECORD|NONE|DISABLED>  reconfigure a channel (it comes back idle)',
  `fault <${MONARCH_SIM_FAULTS.join('|')}>`,
  'clear                                   end every fault',
  'busy <n>                                answer RETRY to the next n commands',
  'powercycle [seconds]                    drop connections for a while (default 5 s), then idle',
  'name <text>                             the NAME field of GetStatus',
];

const COMMANDS: Readonly<Record<string, Command>> = {
  help: () => SIM_COMMAND_HELP,
  status: (sim) => sim.status(),
  output: (sim, [id = '', state = '']) => sim.setOutput(id, oneOf(state, ['idle', 'active'], 'state')),
  mode: (sim, [id = '', mode = '']) => sim.setMode(id, mode),
  fault: (sim, [name = '']) => sim.inject(oneOf(name, MONARCH_SIM_FAULTS, 'fault')),
  clear: (sim) => sim.clearFaults(),
  busy: (sim, [count]) => sim.setBusy(numberArg(count, 'count')),
  powercycle: (sim, [seconds]) =>
    sim.powerCycle(seconds === undefined ? undefined : numberArg(seconds, 'seconds') * 1000),
  name: (sim, words) => sim.setName(words.join(' ')),
};

/** Runs one command line; returns its result, or the device status after a change. */
export function runSimCommand(sim: MatroxMonarchSimulator, line: string): unknown {
  const [verb = '', ...args] = line.trim().split(/\s+/);
  const command = Object.hasOwn(COMMANDS, verb) ? COMMANDS[verb] : undefined;
  if (!command)
    throw new RangeError(`unknown command "${verb}"; commands: ${Object.keys(COMMANDS).join(', ')}`);
  return command(sim, args) ?? sim.status();
}

function oneOf<const T extends string>(value: string, allowed: readonly T[], name: string): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new RangeError(`${name} must be one of ${allowed.join(', ')}; got "${value}"`);
}

function numberArg(value: string | undefined, name: string): number {
  const number = Number(value);
  if (value === undefined || value.trim() === '' || !Number.isFinite(number) || number < 0) {
    throw new RangeError(`${name} must be a number ≥ 0; got "${value ?? ''}"`);
  }
  return number;
}
