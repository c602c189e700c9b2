import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { exitOnSignals, runSimulatorCli, wholeNumberFlag } from '@encoder-manager/sdk/simulator';
import { PEARL_FAULTS, type PearlFault } from './model.js';
import { startPearlSimulator, type PearlSimulator } from './index.js';

const USAGE = `Usage: epiphan-pearl-simulator [options]
  --port <n>            TCP port on 127.0.0.1 (default 0: a free port, printed at start)
  --username <name>     HTTP Basic user (default admin)
  --password <pw>       HTTP Basic password (default pearl)
  --fault <name>        start with a fault; repeatable: ${PEARL_FAULTS.join(', ')}
  --start-delay-ms <n>  how long a start stays "starting" (default 1500)
  --reboot-ms <n>       how long a reboot takes (default 20000)
Commands on stdin: fault <name> | clear | set <output> active|idle | reboot | status | help | quit`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '0' },
      username: { type: 'string', default: 'admin' },
      password: { type: 'string', default: 'pearl' },
      fault: { type: 'string', multiple: true, default: [] },
      'start-delay-ms': { type: 'string', default: '1500' },
      'reboot-ms': { type: 'string', default: '20000' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) return console.log(USAGE);
  for (const fault of values.fault)
    if (!(PEARL_FAULTS as readonly string[]).includes(fault))
      throw new RangeError(`--fault ${fault}: unknown fault`);
  const sim = await startPearlSimulator({
    port: wholeNumberFlag('--port', values.port),
    username: values.username,
    password: values.password,
    startDelayMs: wholeNumberFlag('--start-delay-ms', values['start-delay-ms']),
    rebootMs: wholeNumberFlag('--reboot-ms', values['reboot-ms']),
  });
  for (const fault of values.fault) sim.inject(fault as PearlFault);
  console.log(`epiphan-pearl simulator listening on ${sim.url} (user ${sim.credentials.username})`);

  const stop = exitOnSignals(() => sim.close());
  createInterface({ input: process.stdin }).on('line', (line) => {
    if (line.trim() === 'quit') return stop();
    console.log(command(sim, line.trim()));
  });
}

runSimulatorCli('epiphan-pearl-simulator', main, USAGE);

/** Runs one stdin command and returns the answer line. */
function command(simulator: PearlSimulator, line: string): string {
  const [verb = '', arg = '', state = ''] = line.split(/\s+/);
  try {
    if (verb === 'fault' && (PEARL_FAULTS as readonly string[]).includes(arg)) {
      simulator.inject(arg as PearlFault);
      return `ok: fault ${arg} on`;
    }
    if (verb === 'clear') return (simulator.clearFaults(), 'ok: faults cleared');
    if (verb === 'set' && (state === 'active' || state === 'idle'))
      return (simulator.setOutput(arg, state), `ok: ${arg} ${state}`);
    if (verb === 'reboot') return (simulator.reboot(), 'ok: rebooting');
    if (verb === 'status') return `faults: ${[...simulator.model.faults.keys()].join(', ') || 'none'}`;
  } catch (error) {
    return `error: ${(error as Error).message}`;
  }
  return USAGE;
}
