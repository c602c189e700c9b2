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
  process.once('SIGINT', () => process.exit(130));
  process.once('SIGTERM', () => process.exit(143));
  await agent.stop();
  clearTimeout(overrun);
  agent.log.info('stopped cleanly');
  return 0;
}

function nextSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const onSignal = (signal: NodeJS.Signals) => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      resolve(signal);
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  });
}
