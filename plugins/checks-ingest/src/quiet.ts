import type { CheckResult } from '@encoder-manager/sdk';
import type { StreamWatch } from './watch.js';

/** Seconds, rounded, for messages. */
function secondsSince(now: number, then: number): number {
  return Math.round((now - then) / 1000);
}

/**
 * The periodic look at one stream. Silence longer than `quietAfterMs` is critical — unless the last
 * word was "not publishing": an ingest stops reporting a stream that is gone, so the stream is simply
 * still gone. A standing problem with no fresh event since the previous look is reported again, so the
 * alert engine's `for` timer can run out (it moves on results, not on time).
 */
export function periodicResult(
  watch: StreamWatch,
  now: number,
  quietAfterMs: number,
  previousLookAt: number,
): CheckResult | undefined {
  const silentMs = now - watch.heardAt;
  const name = watch.config.stream;
  if (silentMs > quietAfterMs && watch.last?.publishing !== false) {
    const message = watch.last
      ? `no report from the ingest about ${name} for ${secondsSince(now, watch.heardAt)} s (it was last seen publishing) — the ingest server or its monitoring is down`
      : `the ingest has not reported ${name} since the agent started ${secondsSince(now, watch.heardAt)} s ago — nothing is publishing it, or the ingest is not watched`;
    watch.lastVerdict = { status: 'critical', message };
    return watch.result(watch.lastVerdict, now);
  }
  const standing = watch.lastVerdict;
  if (standing && standing.status !== 'ok' && watch.heardAt <= previousLookAt)
    return watch.result(standing, now);
  return undefined;
}
