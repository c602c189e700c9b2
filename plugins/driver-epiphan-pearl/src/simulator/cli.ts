import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
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
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}

for (const fault of values.fault)
  if (!(PEARL_FAULTS as readonly string[]).includes(fault)) fail(`--fault ${fault}: unknown fault`);
const sim = await startPearlSimulator({
  port: integer('port', values.port),
  username: values.username,
  password: values.password,
  startDelayMs: integer('start-delay-ms', values['start-delay-ms']),
  rebootMs: integer('reboot-ms', values['reboot-ms']),
});
for (const fault of values.fault) sim.inject(fault as PearlFault);
console.log(`epiphan-pearl simulator listening on ${sim.url} (user ${sim.credentials.username})`);

const stop = async () => {
  await sim.close();
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
createInterface({ input: process.stdin }).on('line', (line) => {
  if (line.trim() === 'quit') return void stop();
  console.log(command(sim, line.trim()));
});

function integer(name: string, text: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 0) fail(`--${name} ${text}: expected a whole number ≥ 0`);
  return value;
}

function fail(message: string): never {
  console.error(`epiphan-pearl-simulator: ${message}\n${USAGE}`);
  process.exit(2);
}

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
