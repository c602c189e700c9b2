import { definePlugin, EmError, type PluginContext } from '@encoder-manager/sdk';
import { configSchema, type ChecksIngestConfig } from './config.js';
import { periodicResult } from './quiet.js';
import { StreamWatch } from './watch.js';

export { configSchema, type ChecksIngestConfig, type StreamConfig } from './config.js';
export { rate, verdictOf, type Verdict } from './verdict.js';
export { CHECK_NAME } from './watch.js';

/**
 * "Is the stream received at the ingest?" — the destination's truth, from `stream.state` events of the
 * ingest plugins, published as `check.result` for each configured stream.
 */
export const checksIngestPlugin = definePlugin({
  name: 'checks-ingest',
  version: '0.1.0',
  sdk: '^1.0.0',
  kind: 'check',
  description:
    'Checks that each configured stream is received at the ingest (publishing, not stalled, above a minimum ' +
    'rate, expected format), and that the ingest keeps reporting it.',
  configSchema,
  setup(ctx, config) {
    assertUniqueStreams(config);
    const watches = config.streams.map((stream) => new StreamWatch(stream, ctx.clock.now()));
    const rateWindowMs = config.rateWindowSec * 1000;
    const stopEvents = ctx.bus.on('stream.state', (event) => {
      for (const watch of watches.filter((w) => w.wants(event)))
        ctx.bus.publish('check.result', watch.observe(event, ctx.clock.now(), rateWindowMs));
    });
    return {
      ready: () => lookPeriodically(ctx, config, watches),
      stop: stopEvents,
    };
  },
});

export default checksIngestPlugin;

function lookPeriodically(
  ctx: PluginContext,
  config: ChecksIngestConfig,
  watches: readonly StreamWatch[],
): void {
  const intervalMs = config.checkIntervalSec * 1000;
  let previousLookAt = ctx.clock.now();
  ctx.schedule.every('quiet-streams', { intervalMs, runImmediately: false }, () => {
    const now = ctx.clock.now();
    for (const watch of watches) {
      const result = periodicResult(watch, now, config.quietAfterSec * 1000, previousLookAt);
      if (result) ctx.bus.publish('check.result', result);
    }
    previousLookAt = now;
  });
}

function assertUniqueStreams(config: ChecksIngestConfig): void {
  const seen = new Set<string>();
  for (const [index, stream] of config.streams.entries()) {
    const key = `${stream.stream}\u0000${stream.source ?? ''}`;
    if (seen.has(key))
      throw new EmError(
        'EM_CONFIG_INVALID',
        `checks-ingest config.streams[${index}]: stream "${stream.stream}" is listed twice`,
        {
          hint: 'List each stream once; give one entry a different `source` if two ingests carry the same name.',
          details: { path: `config.streams[${index}].stream` },
        },
      );
    seen.add(key);
  }
}
