import {
  confirmState,
  DriverError,
  type Clock,
  type ControlAction,
  type ControlResult,
  type OutputState,
} from '@encoder-manager/sdk';
import type { PearlApi } from './api.js';
import { parseOutputId, type PearlTarget } from './outputs.js';
import { publisherState, recorderState } from './states.js';

/** What control needs from the driver. */
export interface ControlDeps {
  readonly api: PearlApi;
  readonly clock: Clock;
  readonly deadlineMs: number;
  readonly intervalMs: number;
}

/**
 * Start/stop a publisher or recorder, or reboot. The Pearl's `{"status":"ok"}` only means "accepted" (the
 * operation runs asynchronously), so success is the state read back: `started` for start, `stopped` for
 * stop, the device going down (or its uptime restarting) for reboot.
 */
export async function runControl(
  deps: ControlDeps,
  action: ControlAction,
  signal: AbortSignal,
): Promise<ControlResult> {
  if (action.type === 'reboot') return reboot(deps, action, signal);
  const target = parseOutputId(action.outputId);
  await deps.api.control(target, action.type, signal);
  const confirmation = await confirmState({
    read: async (readSignal) => normalise(target, await deps.api.targetState(target, readSignal)),
    want: [action.type === 'start' ? 'active' : 'idle'],
    clock: deps.clock,
    deadlineMs: deps.deadlineMs,
    intervalMs: deps.intervalMs,
    signal,
  });
  return { action, ...confirmation };
}

/** The plain state mapping: a started publisher confirms a start even if it carries warnings. */
function normalise(target: PearlTarget, raw: string): OutputState {
  if (target.kind === 'recorder') return recorderState(raw);
  return publisherState(raw, { isConfigured: true, warnings: 0 });
}

async function reboot(deps: ControlDeps, action: ControlAction, signal: AbortSignal): Promise<ControlResult> {
  const before = (await deps.api.system(signal)).uptime;
  await deps.api.reboot(signal);
  const started = deps.clock.now();
  for (;;) {
    if (await wentDown(deps.api, before, signal))
      return { action, confirmed: true, elapsedMs: deps.clock.now() - started };
    if (deps.clock.now() - started >= deps.deadlineMs)
      return { action, confirmed: false, elapsedMs: deps.clock.now() - started };
    await deps.clock.sleep(deps.intervalMs, signal);
  }
}

const DOWN_CODES = new Set(['EM_DRIVER_UNREACHABLE', 'EM_DRIVER_TIMEOUT']);

/** True once the device stops answering (or answers 503) or reports a smaller uptime than before. */
async function wentDown(api: PearlApi, uptimeBefore: number | undefined, signal: AbortSignal) {
  signal.throwIfAborted();
  try {
    const uptime = (await api.system(signal)).uptime;
    return uptime !== undefined && uptimeBefore !== undefined && uptime < uptimeBefore;
  } catch (error) {
    const down = error instanceof DriverError && DOWN_CODES.has(error.code);
    if (down && !signal.aborted) return true;
    throw error;
  }
}
