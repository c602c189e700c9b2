import { errorMessageOf, type Clock, type EncoderDriver, type Logger } from '@encoder-manager/sdk';
import type { HealthBoard } from './health.js';
import type { ChannelRuntime } from './runtime.js';
import type { Switcher } from './switcher.js';

/**
 * Preferred-primary return: in cold mode, restart a failed primary now and then; once it has published
 * cleanly for `stableSec`, switch back (the switcher then stops the backup).
 */
export class PrimaryReturner {
  constructor(
    private readonly switcher: Switcher,
    private readonly health: HealthBoard,
    private readonly drivers: () => readonly EncoderDriver[],
    private readonly clock: Clock,
    private readonly log: Logger,
  ) {}

  async tick(runtime: ChannelRuntime): Promise<void> {
    if (runtime.config.return !== 'preferred-primary' || runtime.active === 0 || runtime.switching) return;
    const primary = runtime.config.encoders[0]!;
    const now = this.clock.now();
    if (
      runtime.primaryCleanSince !== undefined &&
      now - runtime.primaryCleanSince >= runtime.config.stableSec * 1000
    ) {
      const reason = `${primary.encoder} clean for ${runtime.config.stableSec} s`;
      await this.switcher.switch(runtime, { kind: 'return', reason, detectedAt: now, to: 0 });
      return;
    }
    if (runtime.config.mode === 'cold' && !this.health.onAir(primary)) this.#restart(runtime, now);
  }

  #restart(runtime: ChannelRuntime, now: number): void {
    if (
      runtime.primaryRestarting ||
      now - runtime.lastPrimaryRestart < runtime.config.retryPrimaryEverySec * 1000
    )
      return;
    runtime.lastPrimaryRestart = now;
    const primary = runtime.config.encoders[0]!;
    const driver = this.drivers().find((d) => d.id === primary.encoder);
    if (!driver?.control || this.health.latest(primary.encoder)?.reachable === false) return;
    runtime.primaryRestarting = true;
    void driver
      .control(
        { type: 'start', outputId: primary.output },
        AbortSignal.timeout(runtime.config.confirmTimeoutMs),
      )
      .finally(() => void (runtime.primaryRestarting = false))
      .then((result) =>
        this.log.info(
          { encoder: primary.encoder, confirmed: result.confirmed },
          'restarted the primary to try it again',
        ),
      )
      .catch((error: unknown) =>
        this.log.debug({ encoder: primary.encoder }, `primary restart failed: ${errorMessageOf(error)}`),
      );
  }
}
