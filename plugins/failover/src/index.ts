import {
  definePlugin,
  encoderDriversRef,
  failoverServiceRef,
  ingestsRef,
  type Alert,
  type EncoderSample,
  type EncoderStateEvent,
  type PluginContext,
  type StreamStateEvent,
} from '@encoder-manager/sdk';
import { FailoverConfigSchema } from './config.js';
import { HealthBoard } from './health.js';
import { FailoverRecords } from './records.js';
import { PrimaryReturner } from './returner.js';
import { ChannelRuntime } from './runtime.js';
import { createFailoverService } from './service.js';
import { Switcher } from './switcher.js';
import { FaultWatcher } from './watcher.js';

/** Channels fed by ordered encoders; fails over on faults and confirms the backup at the ingest. */
export const failoverPlugin = definePlugin({
  name: 'failover',
  version: '0.1.0',
  sdk: '^1.0.0',
  kind: 'service',
  description:
    'Primary/backup failover per channel, confirmed at the receiving side, with return to primary.',
  configSchema: FailoverConfigSchema,
  setup(ctx, config) {
    const health = new HealthBoard();
    const channels = config.channels.map((channel) => new ChannelRuntime(channel, ctx.clock.now()));
    const switcher = new Switcher({
      clock: ctx.clock,
      log: ctx.log,
      bus: ctx.bus,
      health,
      records: new FailoverRecords(ctx.store),
      severities: config.faultSeverities,
      drivers: () => ctx.useAll(encoderDriversRef),
      ingests: () => ctx.useAll(ingestsRef),
      busyElsewhere: (id) =>
        new Set(channels.filter((c) => c.config.id !== id).map((c) => c.activeEntry.encoder)),
    });
    const watcher = new FaultWatcher(channels, switcher, ctx.clock, config.faultSeverities);
    subscribe(ctx, health, watcher);
    ctx.provide(
      failoverServiceRef,
      createFailoverService(channels, switcher, health, new FailoverRecords(ctx.store), ctx.clock, config),
    );
    const returner = new PrimaryReturner(
      switcher,
      health,
      () => ctx.useAll(encoderDriversRef),
      ctx.clock,
      ctx.log,
    );
    return {
      async ready() {
        await startPrimaries(ctx, channels);
        ctx.schedule.every('channels', { intervalMs: 1000 }, async () => {
          for (const runtime of channels) {
            watcher.tick(runtime, health.onAir(runtime.activeEntry));
            await returner.tick(runtime);
          }
        });
      },
    };
  },
});

export default failoverPlugin;

function subscribe(ctx: PluginContext, health: HealthBoard, watcher: FaultWatcher): void {
  ctx.bus.on('encoder.sample', (sample: EncoderSample) => {
    health.sample(sample);
    watcher.onSample(sample, health.misses(sample.encoderId));
  });
  ctx.bus.on('stream.state', (state: StreamStateEvent) => {
    health.stream(state);
    watcher.onStream(state);
  });
  ctx.bus.on('encoder.state', (event: EncoderStateEvent) => watcher.onEncoderState(event));
  ctx.bus.on('alert.firing', (alert: Alert) => {
    health.alert(alert, true);
    watcher.onAlert(alert);
  });
  ctx.bus.on('alert.resolved', (alert: Alert) => health.alert(alert, false));
}

/** Cold: the primary goes on air; warm: every encoder of the channel publishes, the primary is on air. */
async function startPrimaries(ctx: PluginContext, channels: readonly ChannelRuntime[]): Promise<void> {
  const drivers = ctx.useAll(encoderDriversRef);
  for (const runtime of channels.filter((c) => c.config.startOnReady)) {
    const entries =
      runtime.config.mode === 'warm' ? runtime.config.encoders : runtime.config.encoders.slice(0, 1);
    for (const entry of entries) {
      const driver = drivers.find((d) => d.id === entry.encoder);
      if (!driver?.control) {
        ctx.log.warn(
          { channel: runtime.config.id, encoder: entry.encoder },
          'no driver with control() for this encoder',
        );
        continue;
      }
      void driver
        .control(
          { type: 'start', outputId: entry.output },
          AbortSignal.timeout(runtime.config.confirmTimeoutMs),
        )
        .catch((error: unknown) =>
          ctx.log.warn({ encoder: entry.encoder, err: error }, 'could not start the channel encoder'),
        );
    }
  }
}
