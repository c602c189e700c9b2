import { runSimulatorCli, serveSimulatorCli } from '@encoder-manager/sdk/simulator';
import { parseCliArgs, USAGE } from './cli-args.js';
import { startMatroxMonarchSimulator } from './index.js';

// The CLI is a standalone dev tool: it prints one JSON line when listening, then one per stdin command.
async function main(): Promise<void> {
  const plan = parseCliArgs(process.argv.slice(2));
  if (plan.help) return void process.stdout.write(`${USAGE}\n`);
  const sim = await startMatroxMonarchSimulator(plan.options);
  for (const fault of plan.faults) sim.inject(fault);
  serveSimulatorCli('matrox-monarch', sim);
}

runSimulatorCli('matrox-monarch-simulator', main);
