import { startAgent } from '../../agent.js';
import { loadConfig } from '../../config/load.js';
import { formatProblems } from '../../config/problems.js';

/**
 * Runs the agent until SIGINT/SIGTERM, then stops plugins in reverse order. A second signal, or a stop
 * that overruns `agent.stopTimeoutMs`, exits at once with a non-zero code.
 */
export async function startCommand(location: string | undefined): Promise<number> {
  const config = await loadConfig({ location });
  if (config.problems.length > 0) {
    process.stderr.write(`${formatProblems(config.problems)}\n`);
    return 1;
  }
  const agent = await startAgent(config);
  const signal = await nextSignal();
  agent.log.info({ signal }, 'stopping');
  const overrun = setTimeout(() => {
    agent.log.error({ timeoutMs: config.core.agent.stopTimeoutMs }, 'stop took too long; exiting');
    process.exit(1);
  }, config.core.agent.stopTimeoutMs);
  await agent.stop();
  clearTimeout(overrun);
  agent.log.info('stopped cleanly');
  return 0;
}

/** How long a repeated signal counts as the same Ctrl-C (npm and the terminal both deliver it). */
const REPEAT_GRACE_MS = 1000;

/**
 * Resolves on the first SIGINT/SIGTERM. The same listener stays installed for the life of the process,
 * so a second signal can never meet Node's default action (instant death) mid-stop: within the grace it
 * is the echo of the first Ctrl-C and ignored; later it aborts a stop that hangs.
 */
function nextSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    let firstAt: number | undefined;
    const onSignal = (signal: NodeJS.Signals) => {
      if (firstAt === undefined) {
        firstAt = Date.now();
        resolve(signal);
      } else if (Date.now() - firstAt >= REPEAT_GRACE_MS) {
        process.stderr.write(`${signal} again: exiting without a clean stop\n`);
        process.exit(signal === 'SIGINT' ? 130 : 143);
      }
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  });
}
