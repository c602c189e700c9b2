import {
  numberArg,
  runSimulatorCommand,
  standardSimulatorCommands,
  type SimulatorCommands,
} from '@encoder-manager/sdk/simulator';
import { MONARCH_SIM_FAULTS } from './faults.js';
import type { MatroxMonarchSimulator } from './index.js';

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

const COMMANDS: SimulatorCommands<MatroxMonarchSimulator> = {
  ...standardSimulatorCommands(MONARCH_SIM_FAULTS, SIM_COMMAND_HELP),
  mode: (sim, [id = '', mode = '']) => sim.setMode(id, mode),
  busy: (sim, [count]) => sim.setBusy(numberArg(count, 'count', { min: 0 })),
  powercycle: (sim, [seconds]) =>
    sim.powerCycle(seconds === undefined ? undefined : numberArg(seconds, 'seconds', { min: 0 }) * 1000),
  name: (sim, words) => sim.setName(words.join(' ')),
};

/** Runs one command line; returns its result, or the device status after a change. */
export function runSimCommand(sim: MatroxMonarchSimulator, line: string): unknown {
  return runSimulatorCommand(COMMANDS, sim, line);
}
