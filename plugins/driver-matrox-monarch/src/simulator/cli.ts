import { createInterface } from 'node:readline';
import { parseCliArgs, USAGE } from './cli-args.js';
import { startMatroxMonarchSimulator } from './index.js';

// The CLI is a standalone dev tool: it prints one JSON line when listening, then one per stdin command.
async function main(): Promise<void> {
  const plan = parseCliArgs(process.argv.slice(2));
  if (plan.help) return void process.stdout.write(`${USAGE}\n`);
  const sim = await startMatroxMonarchSimulator(plan.options);
  for (const fault of plan.faults) sim.inject(fault);
  const print = (value: unknown) => process.stdout.write(`${JSON.stringify(value)}\n`);
  print({ simulator: 'matrox-monarch', url: sim.url, control: `${sim.url}/__sim`, status: sim.status() });

  const stop = () => void sim.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  createInterface({ input: process.stdin }).on('line', (line) => {
    if (line.trim() === '') return;
    try {
      print({ ok: true, result: sim.command(line) });
    } catch (error) {
      print({ ok: false, error: error instanceof Error ? error.message : String(error) });
    }
  });
}

main().catch((error: unknown) => {
  process.stderr.write(
    `matrox-monarch-simulator: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(2);
});
