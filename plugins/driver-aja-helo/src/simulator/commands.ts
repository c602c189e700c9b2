import {
  numberArg,
  oneOf,
  runSimulatorCommand,
  standardSimulatorCommands,
  type SimulatorCommands,
} from '@encoder-manager/sdk/simulator';
import type { AjaHeloSimulator } from './index.js';
import { AJA_HELO_SIM_FAULTS } from './faults.js';

/** The control grammar shared by `POST /__sim` and the CLI's stdin. */
export const SIM_COMMAND_HELP = [
  'status                                  device state as JSON',
  'output <record|stream> <idle|active>    as if the front-panel button was pressed',
  'rrs <record|stream> <0-5>               set an eRRS value directly (3 = FailingInIdle …)',
  `fault <${AJA_HELO_SIM_FAULTS.join('|')}>`,
  'clear                                   end every fault (and the overheating ramp)',
  'overheat <°C per s> [from °C] [after s] start the overheating ramp',
  'cool                                    stop the ramp (back to the steady temperature)',
  'temperature <°C>                        hold a temperature',
  'media <percent free>                    eParamID_CurrentMediaAvailable',
  'reboot                                  503 for the reboot time, then idle',
  'expire                                  expire every login session',
];

const COMMANDS: SimulatorCommands<AjaHeloSimulator> = {
  ...standardSimulatorCommands(AJA_HELO_SIM_FAULTS, SIM_COMMAND_HELP),
  rrs: (sim, [output = '', value]) =>
    sim.setReplicatorState(oneOf(output, ['record', 'stream'], 'output'), numberArg(value, 'value')),
  overheat: (sim, [rate, from, afterSec]) =>
    sim.startOverheat({
      ratePerSec: numberArg(rate, '°C per second'),
      fromC: from === undefined ? undefined : numberArg(from, 'from °C'),
      delayMs: afterSec === undefined ? 0 : numberArg(afterSec, 'after seconds') * 1000,
    }),
  cool: (sim) => sim.stopOverheat(),
  temperature: (sim, [celsius]) => sim.setTemperature(numberArg(celsius, '°C')),
  media: (sim, [pct]) => sim.setMediaAvailable(numberArg(pct, 'percent')),
  reboot: (sim) => sim.reboot(),
  expire: (sim) => sim.expireSessions(),
};

/** Runs one command line; returns its result, or the device status after a change. */
export function runSimCommand(sim: AjaHeloSimulator, line: string): unknown {
  return runSimulatorCommand(COMMANDS, sim, line);
}
