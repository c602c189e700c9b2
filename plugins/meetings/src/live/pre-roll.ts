import {
  errorCodeOf,
  errorMessageOf,
  type CheckResult,
  type Clock,
  type ControlResult,
  type EncoderDriver,
  type EventBus,
  type Logger,
} from '@encoder-manager/sdk';
import type { Watch } from './window.js';

/** The check name of the pre-roll start report. */
export const PRE_ROLL_CHECK = 'meeting-encoder-start';

/** What starting an encoder at pre-roll needs. */
export interface PreRollDeps {
  readonly drivers: () => readonly EncoderDriver[];
  readonly clock: Clock;
  readonly bus: EventBus;
  readonly log: Logger;
  readonly signal: AbortSignal;
  readonly timeoutMs: number;
}

/**
 * Starts the link's encoder output for a meeting and reports the confirmed result as a
 * `meeting-encoder-start` check result (ok when the driver read the state back as started, warning
 * otherwise), so an unconfirmed start before a broadcast is seen. Never throws.
 */
export async function startEncoderAtPreRoll(watch: Watch, deps: PreRollDeps): Promise<void> {
  const target = watch.link.startEncoder;
  if (!target) return;
  const driver = deps.drivers().find((d) => d.id === target.encoder);
  const what = `${target.encoder}/${target.output} for ${watch.meeting.body} "${watch.meeting.title}"`;
  if (!driver?.control) {
    const why = driver ? 'its driver cannot control outputs' : 'no enabled driver has that encoder id';
    return report(watch, deps, false, `cannot start ${what}: ${why}`);
  }
  try {
    const result = await startWithDeadline(driver.control.bind(driver), target.output, deps);
    const detail = result.confirmed ? 'confirmed' : `not confirmed (state ${result.state ?? 'unknown'})`;
    report(watch, deps, result.confirmed, `started ${what}: ${detail} after ${result.elapsedMs} ms`);
  } catch (error) {
    const code = errorCodeOf(error) ?? 'error';
    report(watch, deps, false, `starting ${what} failed (${code}): ${errorMessageOf(error)}`);
  }
}

/** Asks the driver to start an output, aborting when the plugin stops or the deadline passes. */
async function startWithDeadline(
  control: NonNullable<EncoderDriver['control']>,
  outputId: string,
  deps: PreRollDeps,
): Promise<ControlResult> {
  const timeout = new AbortController();
  const abort = () => timeout.abort(new Error(`pre-roll start took longer than ${deps.timeoutMs} ms`));
  const cancel = deps.clock.setTimer(abort, deps.timeoutMs);
  try {
    return await control({ type: 'start', outputId }, AbortSignal.any([deps.signal, timeout.signal]));
  } finally {
    cancel();
  }
}

function report(watch: Watch, deps: PreRollDeps, ok: boolean, message: string): void {
  const target = watch.link.startEncoder;
  const fields = { meeting: watch.meeting.id, encoder: target?.encoder, output: target?.output };
  if (ok) deps.log.info(fields, message);
  else deps.log.warn(fields, message);
  const result: CheckResult = {
    check: PRE_ROLL_CHECK,
    subject: `${target?.encoder}/${target?.output}`,
    status: ok ? 'ok' : 'warning',
    message,
    labels: {
      body: watch.meeting.body,
      meeting: watch.meeting.id,
      encoder: target?.encoder ?? '',
      stream: watch.link.stream,
      ...(watch.link.channel ? { channel: watch.link.channel } : {}),
    },
    at: deps.clock.now(),
  };
  deps.bus.publish('check.result', result);
}
