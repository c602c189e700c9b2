import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { exitOnSignals, runSimulatorCli, wholeNumberFlag } from '@encoder-manager/sdk/simulator';
import { OBS_FAULTS, type ObsFault } from './model.js';
import { startObsSimulator, type ObsSimulator } from './index.js';

const USAGE = `Usage: obs-simulator [options]
  --port <n>            TCP port on 127.0.0.1 (default 0: a free port, printed at start; OBS uses 4455)
  --password <pw>       obs-websocket password (default obs-secret)
  --no-auth             turn authentication off (Hello without a challenge)
  --fault <name>        start with a fault; repeatable: ${OBS_FAULTS.join(', ')}
  --start-delay-ms <n>  STARTING → STARTED delay (default 1000)
  --restart-ms <n>      how long "restart" keeps OBS away (default 5000)
Commands on stdin: fault <name> | clear | set stream|record active|idle | restart | status | help | quit`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '0' },
      password: { type: 'string', default: 'obs-secret' },
      'no-auth': { type: 'boolean', default: false },
      fault: { type: 'string', multiple: true, default: [] },
      'start-delay-ms': { type: 'string', default: '1000' },
      'restart-ms': { type: 'string', default: '5000' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) return console.log(USAGE);
  for (const fault of values.fault)
    if (!(OBS_FAULTS as readonly string[]).includes(fault))
      throw new RangeError(`--fault ${fault}: unknown fault`);
  const sim = await startObsSimulator({
    port: wholeNumberFlag('--port', values.port),
    password: values['no-auth'] ? null : values.password,
    startDelayMs: wholeNumberFlag('--start-delay-ms', values['start-delay-ms']),
    restartMs: wholeNumberFlag('--restart-ms', values['restart-ms']),
  });
  for (const fault of values.fault) await sim.inject(fault as ObsFault);
  console.log(
    `obs simulator listening on ${sim.url} (${sim.password === undefined ? 'no auth' : 'auth on'})`,
  );

  const stop = exitOnSignals(() => sim.close());
  createInterface({ input: process.stdin }).on('line', (line) => {
    if (line.trim() === 'quit') return stop();
    void command(sim, line.trim()).then((answer) => console.log(answer));
  });
}

runSimulatorCli('obs-simulator', main, USAGE);

/** Runs one stdin command and returns the answer line. */
async function command(simulator: ObsSimulator, line: string): Promise<string> {
  const [verb = '', arg = '', state = ''] = line.split(/\s+/);
  try {
    if (verb === 'fault' && (OBS_FAULTS as readonly string[]).includes(arg)) {
      await simulator.inject(arg as ObsFault);
      return `ok: fault ${arg} on`;
    }
    if (verb === 'clear') return (simulator.clearFaults(), 'ok: faults cleared');
    if (verb === 'set' && (state === 'active' || state === 'idle'))
      return (simulator.setOutput(arg, state), `ok: ${arg} ${state}`);
    if (verb === 'restart') return (await simulator.restart(), 'ok: OBS restarting');
    if (verb === 'status') {
      const { stream, record } = simulator.model.outputs;
      const faults = [...simulator.model.faults.keys()].join(', ') || 'none';
      return `stream ${stream.state}, record ${record.state}, faults: ${faults}`;
    }
  } catch (error) {
    return `error: ${(error as Error).message}`;
  }
  return USAGE;
}
