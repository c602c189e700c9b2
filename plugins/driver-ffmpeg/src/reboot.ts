import type { Clock, ControlAction, ControlResult } from '@encoder-manager/sdk';
import type { FfmpegEncoder } from './encoder.js';

/**
 * "Reboot" for a software encoder: every output that is not idle (running, starting, stalled or
 * failed) is stopped and started again. Idle outputs stay idle, as after a hardware reboot without
 * autostart. Confirmed when every restarted output reads back `active`.
 */
export async function rebootEncoder(
  encoder: FfmpegEncoder,
  action: ControlAction,
  signal: AbortSignal,
  started: number,
  clock: Clock,
): Promise<ControlResult> {
  const wanted = encoder
    .outputs()
    .filter((output) => output.state !== 'idle')
    .map((output) => output.id);
  await Promise.all(wanted.map((id) => encoder.stop(id)));
  const results = await Promise.all(wanted.map((id) => encoder.start(id, signal)));
  const failed = results.find((result) => !result.confirmed);
  return {
    action,
    confirmed: failed === undefined,
    state: failed ? failed.state : wanted.length > 0 ? 'active' : 'idle',
    elapsedMs: clock.now() - started,
  };
}
