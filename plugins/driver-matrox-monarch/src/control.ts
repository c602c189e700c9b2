import {
  confirmState,
  DriverError,
  protocolError,
  type Clock,
  type ControlAction,
  type ControlResult,
  type EncoderOutput,
  type Logger,
  type OutputState,
} from '@encoder-manager/sdk';
import type { MonarchClient } from './client.js';
import type { ReadOutputs } from './driver.js';
import { VARIANTS, type MonarchVariant } from './variants.js';

/** What control needs. */
export interface MonarchControlOptions {
  readonly client: MonarchClient;
  readonly readOutputs: ReadOutputs;
  readonly variant: MonarchVariant;
  readonly clock: Clock;
  readonly log: Logger;
  readonly target: string;
  readonly deadlineMs: number;
}

/**
 * `control()` for a Monarch: one start/stop command, then GetStatus until the output(s) show the new
 * state. SUCCESS only means "accepted"; FAILED is a refusal and is explained from the current status.
 */
export function createMonarchControl(options: MonarchControlOptions) {
  return async (action: ControlAction, signal: AbortSignal): Promise<ControlResult> => {
    const started = options.clock.now();
    const command = commandFor(action, options.variant);
    const reply = await options.client.send(command, signal);
    if (reply === 'FAILED') throw await explainFailure(options, action, command, signal);
    if (reply !== 'SUCCESS')
      throw protocolError(`${options.target} answered ${command} with neither SUCCESS nor FAILED`, reply);
    const want: OutputState = action.type === 'start' ? 'active' : 'idle';
    const confirmation = await confirmState({
      read: async (readSignal) =>
        combinedState(await options.readOutputs(readSignal), targetIds(action), want),
      want: [want],
      clock: options.clock,
      deadlineMs: options.deadlineMs,
      signal,
    });
    options.log.debug({ action, command, ...confirmation }, 'Monarch control read back');
    return { action, ...confirmation, elapsedMs: options.clock.now() - started };
  };
}

function commandFor(action: ControlAction, variant: MonarchVariant): string {
  if (action.type === 'reboot') {
    throw new DriverError('EM_DRIVER_UNSUPPORTED', 'the Monarch SDK has no reboot command', {
      hint: 'Reboot it from its web UI or by power cycle.',
    });
  }
  const { commands } = VARIANTS[variant];
  const pair = Object.hasOwn(commands, action.outputId) ? commands[action.outputId] : undefined;
  if (!pair) {
    const targets = Object.keys(commands).join(', ');
    throw new DriverError(
      'EM_DRIVER_UNSUPPORTED',
      `${VARIANTS[variant].model} has no command for "${action.outputId}"`,
      {
        hint: `Control one of: ${targets}${variant === 'lcs' ? ' (the LCS only starts and stops both encoders together)' : ''}.`,
      },
    );
  }
  return action.type === 'start' ? pair.start : pair.stop;
}

/** `both` covers every output that is not disabled. */
function targetIds(action: ControlAction): readonly string[] | 'all' {
  return action.type !== 'reboot' && action.outputId !== 'both' ? [action.outputId] : 'all';
}

function combinedState(outputs: EncoderOutput[], ids: readonly string[] | 'all', want: OutputState) {
  const states = outputs
    .filter((o) => (ids === 'all' ? o.state !== 'disabled' : ids.includes(o.id)))
    .map((o) => o.state);
  return states.find((state) => state !== want) ?? states[0];
}

// FAILED: "feature not enabled in the mode" (UNSUPPORTED) or "start failed" (the action did not happen).
async function explainFailure(
  options: MonarchControlOptions,
  action: ControlAction,
  command: string,
  signal: AbortSignal,
): Promise<DriverError> {
  const outputs = await options.readOutputs(signal).catch(() => []);
  const ids = targetIds(action);
  const concerned = outputs.filter((o) => ids === 'all' || ids.includes(o.id));
  const blocked = concerned.find((o) => o.state === 'disabled' || o.raw.startsWith('RTSP,'));
  if (blocked) {
    const why =
      blocked.state === 'disabled'
        ? 'is disabled in its current mode'
        : 'is in RTSP mode, which is always streaming and cannot be started or stopped';
    return new DriverError(
      'EM_DRIVER_UNSUPPORTED',
      `${options.target} refused ${command} (FAILED): ${blocked.id} (${blocked.raw}) ${why}`,
      {
        hint: 'Change the encoder mode in the Monarch web UI first.',
      },
    );
  }
  return new DriverError(
    'EM_DRIVER_NOT_CONFIRMED',
    `${options.target} answered FAILED to ${command}: the ${action.type} did not happen on the device`,
    {
      hint: 'Check the destination (RTMP server reachable, stream key valid) and the storage in the Monarch web UI.',
    },
  );
}
