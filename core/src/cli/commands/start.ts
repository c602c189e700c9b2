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
  forceExitOnRepeat();
  await agent.stop();
  clearTimeout(overrun);
  agent.log.info('stopped cleanly');
  return 0;
}

/** How long a repeated signal counts as the same Ctrl-C (npm and the terminal both deliver it). */
const REPEAT_GRACE_MS = 1000;

/** A second Ctrl-C, not the echo of the first, aborts a stop that hangs. */
function forceExitOnRepeat(): void {
  const firstAt = Date.now();
  const onRepeat = (signal: NodeJS.Signals) => {
    if (Date.now() - firstAt < REPEAT_GRACE_MS) return;
    process.stderr.write(`${signal} again: exiting without a clean stop\n`);
    process.exit(signal === 'SIGINT' ? 130 : 143);
  };
  process.on('SIGINT', onRepeat);
  process.on('SIGTERM', onRepeat);
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
