import { runSimulatorCli, serveSimulatorCli } from '@encoder-manager/sdk/simulator';
import { parseCliArgs, USAGE } from './cli-args.js';
import { startAjaHeloSimulator } from './index.js';

// The CLI is a standalone dev tool: it prints one JSON line when listening, then one per stdin command.
async function main(): Promise<void> {
  const plan = parseCliArgs(process.argv.slice(2));
  if (plan.help) return void process.stdout.write(`${USAGE}\n`);
  const sim = await startAjaHeloSimulator(plan.options);
  for (const fault of plan.faults) sim.inject(fault);
  if (plan.overheat) sim.startOverheat(plan.overheat);
  serveSimulatorCli('aja-helo', sim);
}

runSimulatorCli('aja-helo-simulator', main);
