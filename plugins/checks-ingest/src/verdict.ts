import type { CheckStatus, StreamStateEvent } from '@encoder-manager/sdk';
import type { StreamConfig } from './config.js';

/** What the check decided about one stream. */
export interface Verdict {
  readonly status: CheckStatus;
  readonly message: string;
  readonly value?: number;
  readonly threshold?: number;
}

/** nginx truncates a declared 29.97 fps to 29 (streams-and-failover.md §3.1). */
const FPS_TOLERANCE = 1;

/**
 * The verdict on one `stream.state` event: not publishing, stalled or averaging below the minimum rate
 * → critical; a declared format other than the expected one → warning; else ok.
 * `averageRate` is the mean bytes/s over the rate window, undefined until the ingest has measured one.
 */
export function verdictOf(
  event: StreamStateEvent,
  config: StreamConfig,
  averageRate: number | undefined,
): Verdict {
  const name = config.stream;
  if (!event.publishing)
    return { status: 'critical', message: `${name} is not received at the ingest: nothing is publishing` };
  if (event.stalled)
    return {
      status: 'critical',
      message: `${name}: the encoder is connected but no data is arriving (stalled)`,
    };
  const { minBytesPerSec } = config;
  if (averageRate !== undefined && minBytesPerSec !== undefined && averageRate < minBytesPerSec) {
    return {
      status: 'critical',
      value: Math.round(averageRate),
      threshold: minBytesPerSec,
      message: `${name} arrives at ${rate(averageRate)} on average — below the ${rate(minBytesPerSec)} minimum`,
    };
  }
  const mismatch = formatMismatch(event, config);
  if (mismatch)
    return {
      status: 'warning',
      message: `${name} arrives as ${describeFormat(event)}, expected ${mismatch}`,
    };
  const received = [averageRate === undefined ? undefined : rate(averageRate), describeFormat(event)].filter(
    Boolean,
  );
  return {
    status: 'ok',
    ...(averageRate === undefined ? {} : { value: Math.round(averageRate) }),
    message: `${name} received${received.length > 0 ? `: ${received.join(', ')}` : ''}`,
  };
}

/** What the expected format says that the declared one does not match, or undefined. */
function formatMismatch(event: StreamStateEvent, config: StreamConfig): string | undefined {
  const wrong: string[] = [];
  if (config.expectWidth !== undefined && event.width !== undefined && event.width !== config.expectWidth)
    wrong.push(`width ${config.expectWidth}`);
  if (config.expectHeight !== undefined && event.height !== undefined && event.height !== config.expectHeight)
    wrong.push(`height ${config.expectHeight}`);
  if (
    config.expectFps !== undefined &&
    event.fps !== undefined &&
    Math.abs(event.fps - config.expectFps) > FPS_TOLERANCE
  )
    wrong.push(`${config.expectFps} fps`);
  return wrong.length > 0 ? wrong.join(', ') : undefined;
}

function describeFormat(event: StreamStateEvent): string {
  const size =
    event.width !== undefined && event.height !== undefined ? `${event.width}x${event.height}` : undefined;
  const fps = event.fps !== undefined ? `${event.fps} fps` : undefined;
  return [size, fps].filter(Boolean).join(' ');
}

/** Bytes/s in the units a cablecaster reads: kbit/s (and the bytes/s the config uses). */
export function rate(bytesPerSec: number): string {
  return `${Math.round((bytesPerSec * 8) / 1000)} kbit/s (${Math.round(bytesPerSec)} B/s)`;
}
